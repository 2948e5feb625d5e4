"""信任证书: the studio CA's names (in the certificate and the iPhone profile) and the
plain-HTTP page a phone opens first to install it. Keys start with ``phone_trust.``."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    # -- names written into the certificate and the profile (kept once made) -----------------
    "phone_trust.ca_name": {ZH: "{studio} 手机理件 CA", EN: "{studio} phone scanning CA"},
    "phone_trust.profile_name": {
        ZH: "{studio} 手机理件证书",
        EN: "{studio} phone scanning certificate",
    },
    "phone_trust.profile_description": {
        ZH: "让这部手机信任店里电脑的扫码页，以便打开相机扫码。只用于店内网络。",
        EN: "Lets this phone trust the scanning page of the studio's PC, so it may use the "
        "camera. For the studio's own network only.",
    },
    "phone_trust.unnamed_studio": {ZH: "影楼", EN: "Studio"},
    # -- the trust page ------------------------------------------------------------------------
    "phone_trust.title": {ZH: "{studio} · 手机理件", EN: "{studio} · phone scanning"},
    "phone_trust.intro": {
        ZH: "手机要用相机扫码，需先信任店里电脑的证书。每部手机只需安装一次。",
        EN: "To scan with its camera, a phone must first trust the studio PC's certificate. "
        "Each phone needs this once.",
    },
    "phone_trust.checking": {
        ZH: "正在检查此手机是否已信任证书…",
        EN: "Checking whether this phone trusts the certificate…",
    },
    "phone_trust.trusted": {ZH: "此手机已信任证书", EN: "This phone trusts the certificate"},
    "phone_trust.open_scanner": {ZH: "打开扫码页", EN: "Open the scanning page"},
    "phone_trust.not_trusted": {
        ZH: "此手机尚未信任证书，请按下面的步骤安装，装好后点“再检查一次”。",
        EN: "This phone does not trust the certificate yet. Install it with the steps "
        "below, then tap “Check again”.",
    },
    "phone_trust.check_again": {ZH: "再检查一次", EN: "Check again"},
    "phone_trust.needs_script": {
        ZH: "此页需要浏览器允许运行脚本才能检查证书；也可直接按下面的步骤安装。",
        EN: "Checking needs the browser to run scripts; you can still install the "
        "certificate with the steps below.",
    },
    "phone_trust.without_trust": {
        ZH: "不装证书也能理件：打开扫码页时浏览器会提示不安全，选择继续访问后，"
        "用“拍照扫码”（先拍下条码，再上传给电脑识别）。",
        EN: "Scanning works without the certificate too: the browser warns that the page "
        "is not secure; go on anyway and use “Scan from a photo” (take a picture of the "
        "barcode, the PC reads it).",
    },
    "phone_trust.open_anyway": {
        ZH: "不装证书，用拍照扫码",
        EN: "Use photo scanning without the certificate",
    },
    # Android
    "phone_trust.android_heading": {ZH: "安卓手机", EN: "Android phones"},
    "phone_trust.android_download": {
        ZH: "下载证书（安卓）",
        EN: "Download the certificate (Android)",
    },
    "phone_trust.android_step_1": {
        ZH: "点上面的按钮下载证书文件。",
        EN: "Tap the button above to download the certificate file.",
    },
    "phone_trust.android_step_2": {
        ZH: "打开 设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书（各品牌名称略有不同，"
        "可在设置里搜索“CA 证书”）。",
        EN: "Open Settings → Security → Encryption & credentials → Install a certificate → "
        "CA certificate (names differ a little between brands; search Settings for "
        "“CA certificate”).",
    },
    "phone_trust.android_step_3": {
        ZH: "仍要安装，选刚下载的证书文件，按提示解锁手机。",
        EN: "Choose Install anyway, pick the file just downloaded and unlock the phone when asked.",
    },
    "phone_trust.android_step_4": {
        ZH: "回到此页，点“再检查一次”。",
        EN: "Come back to this page and tap “Check again”.",
    },
    # iPhone
    "phone_trust.ios_heading": {ZH: "苹果手机", EN: "iPhone"},
    "phone_trust.ios_download": {ZH: "下载描述文件（苹果）", EN: "Download the profile (iPhone)"},
    "phone_trust.ios_step_1": {
        ZH: "用手机自带的浏览器打开此页，点上面的按钮，选“允许”下载描述文件。",
        EN: "Open this page in the phone's own browser, tap the button above and allow "
        "the profile to download.",
    },
    "phone_trust.ios_step_2": {
        ZH: "打开 设置 → 已下载描述文件 → 安装，输入手机密码。",
        EN: "Open Settings → Profile Downloaded → Install, and enter the phone's passcode.",
    },
    "phone_trust.ios_step_3": {
        ZH: "再打开 设置 → 通用 → 关于本机 → 证书信任设置，打开“{name}”的完全信任。",
        EN: "Then open Settings → General → About → Certificate Trust Settings and turn on "
        "full trust for “{name}”.",
    },
    "phone_trust.ios_step_4": {
        ZH: "回到此页，点“再检查一次”。",
        EN: "Come back to this page and tap “Check again”.",
    },
    # the fingerprint
    "phone_trust.fingerprint": {
        ZH: "安装前可核对证书指纹（SHA-256），应与店里电脑上显示的一致：",
        EN: "Before installing, you may compare the certificate's fingerprint (SHA-256) "
        "with the one the studio PC shows:",
    },
    "phone_trust.pem_link": {
        ZH: "证书的文本格式（电脑用）",
        EN: "The certificate as text (for computers)",
    },
}
