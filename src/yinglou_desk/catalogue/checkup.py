"""自检 (``yinglou-desk doctor``, the desk's 帮助 → 自检) and 关于: what each check found,
what to do about it, and the About box. Keys start with ``checkup.``."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- the list ---------------------------------------------------------------------------
    "checkup.title": {ZH: "自检", EN: "Self-check"},
    "checkup.heading": {
        ZH: "{program} {version} 自检 · {when} · {workstation}",
        EN: "{program} {version} self-check · {when} · {workstation}",
    },
    "checkup.line": {
        ZH: "{mark} {status}　{name}：{message}",
        EN: "{mark} {status}  {name}: {message}",
    },
    "checkup.found": {ZH: "{name}：{message}", EN: "{name}: {message}"},
    "checkup.advice": {ZH: "处理办法：{advice}", EN: "What to do: {advice}"},
    "checkup.status.ok": {ZH: "正常", EN: "OK"},
    "checkup.status.warn": {ZH: "注意", EN: "Look"},
    "checkup.status.fail": {ZH: "故障", EN: "Fault"},
    "checkup.summary.ok": {ZH: "全部正常。", EN: "Everything is fine."},
    "checkup.summary.warn": {
        ZH: "没有故障，{n} 项需要留意。",
        EN: "No faults; {n} to look at.",
    },
    "checkup.summary.fail": {
        ZH: "{n} 项故障，{warn} 项需要留意。请按“处理办法”处理，或把结果发给技术人员。",
        EN: "{n} faults, {warn} to look at. Follow “What to do”, or send this to your IT person.",
    },
    "checkup.none": {ZH: "无", EN: "none"},
    "checkup.name.database": {ZH: "数据库", EN: "Database"},
    "checkup.name.revision": {ZH: "数据库版本", EN: "Database version"},
    "checkup.name.disk": {ZH: "磁盘空间", EN: "Disk space"},
    "checkup.name.backup": {ZH: "备份", EN: "Backups"},
    "checkup.name.pc_settings": {ZH: "本机设置", EN: "This PC's settings"},
    "checkup.name.font": {ZH: "中文字体", EN: "Chinese font"},
    "checkup.name.serial": {ZH: "串口扫描枪", EN: "Serial scanners"},
    "checkup.name.sound": {ZH: "声音", EN: "Sound"},
    "checkup.name.printers": {ZH: "打印机", EN: "Printers"},
    "checkup.name.label_printer": {ZH: "标签打印机", EN: "Label printer"},
    "checkup.name.phone_cert": {ZH: "手机扫码证书", EN: "Phone certificate"},
    "checkup.not_checked": {ZH: "未能检查：{error}", EN: "Could not check: {error}"},
    "checkup.not_checked_here": {
        ZH: "未能检查（这里无法查看设备）",
        EN: "Could not check (devices cannot be seen from here)",
    },
    "checkup.advice.not_checked": {
        ZH: "这一项没有查出结果；把整份结果发给技术人员看看",
        EN: "This line has no result; send the whole list to your IT person",
    },
    # -- the database ---------------------------------------------------------------------
    "checkup.database.ok": {ZH: "已连上 {url}", EN: "Connected to {url}"},
    "checkup.database.sqlite_missing": {
        ZH: "找不到数据库文件 {path}",
        EN: "The database file {path} is not there",
    },
    "checkup.database.bad_url": {
        ZH: "数据库地址写错了：{url}",
        EN: "The database address is wrong: {url}",
    },
    "checkup.database.no_driver": {
        ZH: "打不开 {url}：缺少它的驱动程序",
        EN: "Cannot open {url}: its driver is not installed",
    },
    "checkup.database.unreachable": {
        ZH: "连不上数据库 {url}：{error}",
        EN: "Cannot reach the database {url}: {error}",
    },
    "checkup.database.not_ours": {
        ZH: "{path} 不是本程序的数据库",
        EN: "{path} is not this program's database",
    },
    "checkup.advice.sqlite_missing": {
        ZH: "第一次使用时，打开桌面程序会自动新建；原来有数据的话，检查 YINGLOU_DB 或 --db "
        "是否指向原来的文件，或用 yinglou-desk restore 从备份恢复",
        EN: "On first use, opening the desk makes it; if there was data before, check that "
        "YINGLOU_DB or --db names the old file, or restore a backup with yinglou-desk restore",
    },
    "checkup.advice.bad_url": {
        ZH: "改正 YINGLOU_DB 或 --db：SQLite 写文件路径，服务器写 "
        "postgresql+psycopg://用户:密码@服务器地址:5432/库名",
        EN: "Correct YINGLOU_DB or --db: a file path for SQLite, or "
        "postgresql+psycopg://user:password@server:5432/database for a server",
    },
    "checkup.advice.no_driver": {
        ZH: "用安装包重新安装，或安装带 PostgreSQL 支持的版本：yinglou-desk[postgres]",
        EN: "Reinstall with the installer, or install the version with PostgreSQL support: "
        "yinglou-desk[postgres]",
    },
    "checkup.advice.server": {
        ZH: "检查放数据库的服务器电脑是否开机、网线或 Wi-Fi 是否连好，PostgreSQL 是否在运行，"
        "以及地址 YINGLOU_DB 是否正确（现在是 {url}）",
        EN: "Check that the server PC holding the database is on, that the network cable or "
        "Wi-Fi is connected, that PostgreSQL runs there, and that the address YINGLOU_DB "
        "is right (now {url})",
    },
    "checkup.advice.sqlite_unreadable": {
        ZH: "检查这个文件是否被移走、本账户能否读写它、磁盘是否出错；可用 yinglou-desk restore "
        "从备份恢复",
        EN: "Check that the file was not moved, that this account may read and write it, and "
        "that the disk has no errors; yinglou-desk restore puts back a backup",
    },
    "checkup.advice.not_ours": {
        ZH: "YINGLOU_DB 或 --db 指向了别的程序的数据库；改回本程序的数据库文件或地址",
        EN: "YINGLOU_DB or --db names another program's database; point it back at this "
        "program's database",
    },
    "checkup.revision.ok": {
        ZH: "是最新的（{revision}）",
        EN: "Up to date ({revision})",
    },
    "checkup.revision.old": {
        ZH: "数据库是旧版本（{current}），本程序需要 {head}",
        EN: "The database is an older version ({current}); this program needs {head}",
    },
    "checkup.revision.newer": {
        ZH: "数据库由更新版本的程序升级过（{current}），本程序只认得到 {head}",
        EN: "A newer version of the program upgraded the database ({current}); this one "
        "knows up to {head}",
    },
    "checkup.revision.empty": {
        ZH: "数据库是空的，还没有建表",
        EN: "The database is empty: no tables yet",
    },
    "checkup.revision.unstamped": {
        ZH: "数据库没有版本记录",
        EN: "The database records no version",
    },
    "checkup.revision.not_checked": {
        ZH: "数据库打不开，未能检查",
        EN: "Not checked: the database cannot be opened",
    },
    "checkup.advice.upgrade": {
        ZH: "运行 yinglou-desk db upgrade（会先自动备份）；打开桌面程序时也会自动升级",
        EN: "Run yinglou-desk db upgrade (it makes a backup first); opening the desk "
        "upgrades it too",
    },
    "checkup.advice.newer_program": {
        ZH: "把这台电脑上的程序升级到和其他电脑相同的版本",
        EN: "Upgrade the program on this PC to the version the other PCs run",
    },
    "checkup.advice.database_first": {
        ZH: "先解决上面“数据库”一项",
        EN: "Solve the “Database” line above first",
    },
    # -- disk and backups ---------------------------------------------------------------------
    "checkup.disk.ok": {
        ZH: "{place} 所在磁盘还有 {free}",
        EN: "{free} free on the disk of {place}",
    },
    "checkup.disk.low": {
        ZH: "{place} 所在磁盘只剩 {free}",
        EN: "Only {free} left on the disk of {place}",
    },
    "checkup.disk.full": {
        ZH: "{place} 所在磁盘只剩 {free}，快满了，扫描和备份可能无法保存",
        EN: "Only {free} left on the disk of {place}: nearly full, scans and backups may "
        "fail to save",
    },
    "checkup.disk.not_checked": {
        ZH: "未能查看 {place} 的剩余空间：{error}",
        EN: "Could not see the free space of {place}: {error}",
    },
    "checkup.advice.disk": {
        ZH: "清理这块磁盘（回收站、下载的文件），或把备份文件夹 {backups} 里的旧备份移到别的盘或 U 盘",
        EN: "Make room on this disk (recycle bin, downloads), or move old backups from "
        "{backups} to another disk or a USB stick",
    },
    "checkup.backup.ok": {
        ZH: "最近一次备份在 {when}（{days} 天前），放在 {folder}",
        EN: "Last backup {when} ({days} days ago), in {folder}",
    },
    "checkup.backup.today": {
        ZH: "今天已备份（{when}），放在 {folder}",
        EN: "Backed up today ({when}), in {folder}",
    },
    "checkup.backup.old": {
        ZH: "最近一次备份在 {when}，已经 {days} 天了，放在 {folder}",
        EN: "The last backup is from {when}, {days} days ago, in {folder}",
    },
    "checkup.backup.none": {
        ZH: "还没有备份（备份放在 {folder}）",
        EN: "No backup yet (backups go to {folder})",
    },
    "checkup.backup.server": {
        ZH: "服务器上的数据库（PostgreSQL）不会自动备份",
        EN: "A database on a server (PostgreSQL) is not backed up automatically",
    },
    "checkup.advice.backup": {
        ZH: "桌面程序开着时每天自动备份一次；现在可运行 yinglou-desk backup。"
        "备份文件夹最好定期复制到 U 盘或另一台电脑",
        EN: "The desk backs up once a day while it is open; run yinglou-desk backup now. "
        "Copy the backup folder to a USB stick or another PC now and then",
    },
    "checkup.advice.server_backup": {
        ZH: "在服务器上每天运行 yinglou-desk backup（需要 pg_dump），把备份存到另一台电脑",
        EN: "Run yinglou-desk backup on the server every day (it needs pg_dump) and keep the "
        "backups on another PC",
    },
    # -- this PC ------------------------------------------------------------------------------
    "checkup.pc_settings.ok": {ZH: "设置文件 {path}", EN: "Settings file {path}"},
    "checkup.pc_settings.damaged": {
        ZH: "设置文件损坏，本次使用默认设置：{error}",
        EN: "The settings file is damaged; the defaults are used: {error}",
    },
    "checkup.pc_settings.invalid": {ZH: "{error}", EN: "{error}"},
    "checkup.advice.pc_settings_damaged": {
        ZH: "在桌面程序里打开“本机设置”，检查后保存一次",
        EN: "Open “This PC” in the desk, check it and save it once",
    },
    "checkup.advice.pc_settings_environment": {
        ZH: "改正或删除这个环境变量（在启动桌面程序的快捷方式或脚本里）",
        EN: "Correct or remove that environment variable (in the shortcut or script that "
        "starts the desk)",
    },
    "checkup.font.ok": {ZH: "{font}", EN: "{font}"},
    "checkup.font.missing": {
        ZH: "没有找到中文字体，界面和标签上的中文会显示成方块",
        EN: "No Chinese font found: Chinese on screen and on labels shows as empty boxes",
    },
    "checkup.advice.font": {
        ZH: "Linux：安装 文泉驿微米黑（fonts-wqy-microhei）或 思源黑体（fonts-noto-cjk）；"
        "Windows：确认系统字体里有 微软雅黑 或 宋体",
        EN: "Linux: install WenQuanYi Micro Hei (fonts-wqy-microhei) or Noto Sans CJK "
        "(fonts-noto-cjk); Windows: make sure Microsoft YaHei or SimSun is among the fonts",
    },
    "checkup.serial.ok": {ZH: "已连接：{ports}", EN: "Connected: {ports}"},
    "checkup.serial.none_set": {
        ZH: "本机没有设置串口扫描枪（看到的串口：{seen}）",
        EN: "No serial scanner is set on this PC (ports seen: {seen})",
    },
    "checkup.serial.missing": {
        ZH: "本机设置的串口 {missing} 没有找到（看到的串口：{seen}）",
        EN: "The port {missing} set in This PC is not there (ports seen: {seen})",
    },
    "checkup.advice.serial": {
        ZH: "插好扫描枪的线（拔下再插上）；扫描枪换了口的话，在“本机设置”里改成看到的串口",
        EN: "Plug the scanner's cable in (unplug it and plug it in again); if it is on "
        "another port now, choose that port in “This PC”",
    },
    "checkup.advice.serial_windows": {
        ZH: "插好扫描枪的线（拔下再插上）；扫描枪换了口的话，在“本机设置”里改成看到的串口"
        "（Windows 上是 COM3 这样的名字，设备管理器的“端口”里能看到）",
        EN: "Plug the scanner's cable in (unplug it and plug it in again); if it is on "
        "another port now, choose that port in “This PC” (on Windows a name like COM3, "
        "listed under Ports in Device Manager)",
    },
    "checkup.sound.ok": {ZH: "声音输出：{device}", EN: "Sound output: {device}"},
    "checkup.sound.ok_silent": {
        ZH: "声音输出：{device}（本机设置为静音）",
        EN: "Sound output: {device} (This PC is set to silent)",
    },
    "checkup.sound.silent": {
        ZH: "没有声音输出设备，本机设置为静音",
        EN: "No sound output; This PC is set to silent",
    },
    "checkup.sound.none": {
        ZH: "没有声音输出设备，扫描提示音将听不到",
        EN: "No sound output: scan sounds will not be heard",
    },
    "checkup.advice.sound": {
        ZH: "插上音箱或耳机，并在系统的声音设置里选中它；这台电脑本来不需要声音的话，"
        "在“本机设置”里勾选静音",
        EN: "Plug in speakers or headphones and choose them in the system's sound settings; "
        "if this PC needs no sound, tick silent in “This PC”",
    },
    "checkup.printers.ok": {ZH: "{n} 台：{names}", EN: "{n}: {names}"},
    "checkup.printers.ok_default": {
        ZH: "{n} 台：{names}（默认：{default}）",
        EN: "{n}: {names} (default: {default})",
    },
    "checkup.printers.none": {ZH: "本机没有打印机", EN: "This PC has no printer"},
    "checkup.printers.receipt_missing": {
        ZH: "本机设置的小票打印机 {name} 不在（本机有：{available}）",
        EN: "The receipt printer {name} set in This PC is not there (this PC has: {available})",
    },
    "checkup.advice.printers": {
        ZH: "装好标签打印机和小票打印机的驱动，并在系统设置里添加打印机",
        EN: "Install the label and receipt printers' drivers and add the printers in the "
        "system settings",
    },
    "checkup.advice.printer_missing": {
        ZH: "检查打印机是否开机、线是否插好、驱动是否装好；打印机改了名字的话，"
        "在“本机设置”里重新选择",
        EN: "Check that the printer is on, its cable plugged in and its driver installed; "
        "if it was renamed, choose it again in “This PC”",
    },
    "checkup.label_printer.ok": {
        ZH: "{name}，按 {dpi} dpi 打印（支持 {supported} dpi）",
        EN: "{name}, printing at {dpi} dpi (supports {supported} dpi)",
    },
    "checkup.label_printer.ok_unknown": {
        ZH: "{name}，按 {dpi} dpi 打印（驱动没有说明支持的分辨率）",
        EN: "{name}, printing at {dpi} dpi (the driver does not say which resolutions it has)",
    },
    "checkup.label_printer.ask": {
        ZH: "没有指定标签打印机，打印标签时会让你选择",
        EN: "No label printer chosen: printing labels asks which printer",
    },
    "checkup.label_printer.missing": {
        ZH: "标签打印机 {name} 不在（本机有：{available}）",
        EN: "The label printer {name} is not there (this PC has: {available})",
    },
    "checkup.label_printer.dpi": {
        ZH: "标签按 {dpi} dpi 排版，{name} 只支持 {supported} dpi，条码可能印不清",
        EN: "Labels are laid out at {dpi} dpi but {name} supports {supported} dpi: barcodes "
        "may print blurred",
    },
    "checkup.advice.label_dpi": {
        ZH: "在“本机设置”里把打印机分辨率改成 {dpi} dpi",
        EN: "Set the printer resolution in “This PC” to {dpi} dpi",
    },
    # -- the phone server ---------------------------------------------------------------------
    "checkup.phone_cert.off": {ZH: "本机未开启手机扫码", EN: "Phones do not scan through this PC"},
    "checkup.phone_cert.ok": {
        ZH: "手机打开 {url}（装证书：{trust_url}），证书有效至 {until}",
        EN: "Phones open {url} (certificate page: {trust_url}); valid until {until}",
    },
    "checkup.phone_cert.no_ca": {
        ZH: "手机扫码已开启，但证书机构不在 {folder}",
        EN: "Phones may scan, but the studio's certificate authority is not in {folder}",
    },
    "checkup.phone_cert.missing": {
        ZH: "手机扫码已开启，但 {folder} 里没有可用的证书",
        EN: "Phones may scan, but {folder} holds no usable certificate",
    },
    "checkup.phone_cert.expired": {
        ZH: "证书已过期（有效至 {until}）",
        EN: "The certificate has expired (valid until {until})",
    },
    "checkup.phone_cert.addresses": {
        ZH: "证书不包括本机现在的地址 {missing}，手机会提示证书错误（手机打开 {url}）",
        EN: "The certificate does not name this PC's address {missing} now; phones will "
        "warn of a certificate error (phones open {url})",
    },
    "checkup.advice.phone_renew": {
        ZH: "重新开启手机扫码（重启桌面程序，或重新运行 yinglou-desk serve），"
        "会自动换上新证书，手机不用重装",
        EN: "Start phone scanning again (restart the desk, or yinglou-desk serve): a new "
        "certificate is made by itself and phones need nothing new",
    },
    "checkup.advice.phone_new_ca": {
        ZH: "重新开启手机扫码会新建证书机构；之后每部手机都要重新安装一次证书（手机页上扫码）",
        EN: "Starting phone scanning again makes a new certificate authority; every phone "
        "must then install the certificate once more (scan the code on the Phones page)",
    },
    # -- the desk: 帮助 ------------------------------------------------------------------------
    "checkup.menu": {ZH: "帮助", EN: "Help"},
    "checkup.menu.check": {ZH: "自检", EN: "Self-check"},
    "checkup.menu.about": {ZH: "关于", EN: "About"},
    "checkup.running": {ZH: "正在检查…", EN: "Checking…"},
    "checkup.again": {ZH: "重新检查", EN: "Check again"},
    "checkup.copy": {ZH: "复制结果", EN: "Copy the results"},
    "checkup.copied": {
        ZH: "已复制，可以粘贴给技术人员",
        EN: "Copied: paste it to your IT person",
    },
    "checkup.close": {ZH: "关闭", EN: "Close"},
    "checkup.failed": {ZH: "自检没有做完：{error}", EN: "The self-check did not finish: {error}"},
    "checkup.about.title": {ZH: "关于", EN: "About"},
    "checkup.about.version": {ZH: "版本 {version}", EN: "Version {version}"},
    "checkup.about.database": {ZH: "数据库：{url}", EN: "Database: {url}"},
    "checkup.about.config": {ZH: "设置文件夹：{path}", EN: "Settings folder: {path}"},
    "checkup.about.data": {ZH: "数据文件夹：{path}", EN: "Data folder: {path}"},
    "checkup.about.licence": {ZH: "许可协议：MIT", EN: "Licence: MIT"},
    "checkup.about.workstation": {ZH: "本机名称：{name}", EN: "This PC: {name}"},
    # -- the command line ---------------------------------------------------------------------
    "checkup.help.doctor": {
        ZH: "自检：数据库、磁盘、备份、字体、扫描枪、声音、打印机、手机证书，并说明怎样处理",
        EN: "self-check: database, disk, backups, font, scanners, sound, printers, phone "
        "certificate, with what to do",
    },
    "checkup.help.json": {ZH: "以 JSON 输出（给程序读）", EN: "print JSON (for programs)"},
}
