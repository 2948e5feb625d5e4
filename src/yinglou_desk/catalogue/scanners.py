"""Scanners as the desk's status bar and the ``listen`` command report them."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "scanners.desk.connecting": {ZH: "扫描枪 {port} 连接中…", EN: "Scanner {port} connecting…"},
    "scanners.desk.connected": {ZH: "扫描枪 {port} 已连接", EN: "Scanner {port} connected"},
    "scanners.desk.disconnected": {
        ZH: "扫描枪 {port} 已断开{reason}，正在重连…",
        EN: "Scanner {port} disconnected{reason}; reconnecting…",
    },
    "scanners.desk.stopped": {ZH: "扫描枪 {port} 已停止", EN: "Scanner {port} stopped"},
    "scanners.reason": {ZH: "（{detail}）", EN: " ({detail})"},
    "scanners.listen.replaying": {
        ZH: "上次有 {count} 条扫描尚未同步，先补录",
        EN: "{count} scans from last time are not recorded yet; recording them first",
    },
    "scanners.listen.offline": {
        ZH: "离线：{pending} 条扫描待同步（已保存在本机），正在重试：{detail}",
        EN: "Offline: {pending} scans waiting (saved on this PC), retrying: {detail}",
    },
    "scanners.listen.back": {
        ZH: "数据库已恢复，继续记录扫描",
        EN: "The database is back; recording the waiting scans",
    },
    "scanners.listen.connected": {ZH: "扫描枪已连接：{port}", EN: "Scanner connected: {port}"},
    "scanners.listen.disconnected": {
        ZH: "扫描枪已断开{reason}，正在重连…",
        EN: "Scanner disconnected{reason}; reconnecting…",
    },
    "scanners.listen.listening": {
        ZH: "正在监听 {port}（{baud} 波特），Ctrl+C 结束",
        EN: "Listening on {port} ({baud} baud); Ctrl+C to stop",
    },
    "scanners.listen.saved": {
        ZH: "{count} 条扫描已保存在本机（{path}），下次启动时自动补录",
        EN: "{count} scans are saved on this PC ({path}) and will be recorded at the next start",
    },
    "scanners.listen.stopped": {ZH: "已停止监听", EN: "Listener stopped"},
}
