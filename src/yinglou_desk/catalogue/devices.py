"""Scanners attached to this PC: serial ports, their states and errors."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "devices.serial.no_port": {
        ZH: "扫描枪设置缺少串口名：{spec}",
        EN: "The scanner setting names no port: {spec}",
    },
    "devices.serial.unknown_station": {
        ZH: "未知站点 {station}，可选 {stations}",
        EN: "Unknown station {station}; the stations are {stations}",
    },
    "devices.serial.bad_spec": {
        ZH: "扫描枪设置无效：{spec}（例：COM3@9600:crlf=check-in）",
        EN: "Invalid scanner setting: {spec} (for example COM3@9600:crlf=check-in)",
    },
    "devices.serial.bad_baud": {ZH: "波特率无效：{baud}", EN: "Invalid baud rate: {baud}"},
    "devices.wedge.bad": {
        ZH: "扫描枪设置无效：{part}（{reason}）",
        EN: "Invalid scanner setting: {part} ({reason})",
    },
    "devices.wedge.unknown": {
        ZH: "未知设置 {name}，可用 gap_ms、min、end、prefix、suffix",
        EN: "unknown setting {name}; the settings are gap_ms, min, end, prefix, suffix",
    },
    "devices.wedge.not_number": {ZH: "{value} 不是整数", EN: "{value} is not a whole number"},
    "devices.wedge.gap": {
        ZH: "按键最大间隔须大于 0 毫秒",
        EN: "The longest gap between keys must be above 0 ms",
    },
    "devices.wedge.min": {
        ZH: "条码最少字符须至少为 1",
        EN: "The shortest code must be at least 1 character",
    },
    "devices.wedge.ends": {
        ZH: "未知的结束键：{keys}，可用 enter、tab",
        EN: "Unknown end keys: {keys}; the end keys are enter and tab",
    },
}
