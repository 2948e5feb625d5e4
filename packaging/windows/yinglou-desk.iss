; Inno Setup 6 script: the installer a studio PC runs (yinglou-desk-setup-VERSION.exe).
;
; It installs the frozen folder that `pyinstaller packaging/yinglou-desk.spec` built in
; dist\yinglou-desk (compile from the repository: ISCC packaging\windows\yinglou-desk.iss)
; into Program Files, with Start-menu and desktop shortcuts to the desk, and an
; uninstaller. The version is read from the built yinglou-desk.exe (its version
; resource, made from yinglou_desk.__version__); /DAppVersion=X.Y.Z overrides it.
;
; The studio's data is NOT in the program folder and is never removed by the
; uninstaller: the database, its backups, this PC's settings, the phone page's
; certificates and the logs live in %LOCALAPPDATA%\yinglou-desk (platformdirs'
; user folder for "yinglou-desk"), so uninstalling, reinstalling or upgrading keeps
; every order and scan. Only the program folder is deleted ([UninstallDelete]).
;
; Chinese setup screens: Inno Setup's ChineseSimplified.isl is used when the compiler
; has it (in its Languages folder) or when it lies beside this script; without it the
; installer is compiled in English only (the CI workflow fetches it when missing).

#define AppName "yinglou-desk"
#define AppExe "yinglou-desk.exe"
#define BuiltFolder AddBackslash(SourcePath) + "..\..\dist\yinglou-desk"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(BuiltFolder + "\" + AppExe)
#endif

[Setup]
AppId={{3C9D16A8-2ADA-43F8-9292-FBDE4D7C4354}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={cm:GroupName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Program Files for every user of the PC; a staff account without administrator rights
; may choose to install for itself only
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; a running desk is closed (Restart Manager) before its files are replaced
CloseApplications=yes
OutputDir={#BuiltFolder}\..
OutputBaseFilename={#AppName}-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer speaks English only"
#endif

[Languages]
; the first language is the default where Windows' own language is neither
#ifdef ChineseMessages
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef ChineseMessages
chinesesimplified.GroupName=影楼客件追踪
chinesesimplified.DeskName=影楼客件追踪
chinesesimplified.UninstallName=卸载影楼客件追踪
#endif
english.GroupName=Yinglou desk
english.DeskName=Yinglou desk
english.UninstallName=Uninstall Yinglou desk

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BuiltFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:DeskName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:DeskName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:DeskName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; the program folder only (files the program may have left there); never
; {localappdata}\yinglou-desk, where the studio's database and backups are
Type: filesandordirs; Name: "{app}"
