"""Studio settings refused or explained: templates, numbers, days."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "settings.unknown": {
        ZH: "未知设置：{names}；可以设置的有：{known}",
        EN: "Unknown setting: {names}; the settings are: {known}",
    },
    "settings.not_bool": {
        ZH: "{setting} 只能是 true 或 false",
        EN: "{setting} must be true or false",
    },
    "settings.not_text": {ZH: "{setting} 须为文字", EN: "{setting} must be text"},
    "settings.too_long": {
        ZH: "{setting} 最多 {limit} 个字",
        EN: "{setting} takes at most {limit} characters",
    },
    "settings.template_braces": {
        ZH: "{setting} 的花括号不成对。可用的字段：{fields}",
        EN: "{setting} has unbalanced braces. Fields you can use: {fields}",
    },
    "settings.template_field": {
        ZH: "{setting} 里的 {field} 不能用。可用的字段：{fields}",
        EN: "{setting} cannot use {field}. Fields you can use: {fields}",
    },
    "settings.template_format": {
        ZH: "{setting} 里的 {field} 带有格式说明，请只写字段名。可用的字段：{fields}",
        EN: "{setting}: {field} carries a format spec; write the field name only. Fields you can use: {fields}",
    },
    "settings.out_of_range": {
        ZH: "{setting} 须为 {low} 到 {high} 之间的整数",
        EN: "{setting} must be a whole number from {low} to {high}",
    },
    "settings.bad_headers": {
        ZH: '{setting} 须为 {{"名称": "值"}} 形式的 JSON，最多 20 项',
        EN: '{setting} must be JSON like {{"Name": "value"}}, 20 entries at most',
    },
    "settings.bad_url": {
        ZH: "{setting} 须以 http:// 或 https:// 开头",
        EN: "{setting} must start with http:// or https://",
    },
    "settings.bad_method": {
        ZH: "{setting} 只能是 {allowed}",
        EN: "{setting} must be one of {allowed}",
    },
    # This PC's own settings (the this-pc.json file and the environment over it).
    "settings.pc.bad_size": {
        ZH: "标签尺寸 {size} 不支持，可选 {choices}",
        EN: "The label size {size} is not supported; choose one of {choices}",
    },
    "settings.pc.bad_dpi": {
        ZH: "打印机分辨率 {dpi} 不支持，可选 203、300",
        EN: "The printer resolution {dpi} is not supported; choose 203 or 300",
    },
    "settings.pc.not_number": {
        ZH: "{variable}={value} 不是数字",
        EN: "{variable}={value} is not a number",
    },
    "settings.pc.damaged": {
        ZH: "本机设置文件无法使用，已按默认设置启动：{path}（{error}）；在“本机设置”中保存即可修复",
        EN: "This PC's settings file cannot be used, so the defaults were used: {path} ({error}); "
        "saving in “This PC” repairs it",
    },
    "settings.pc.not_object": {ZH: "文件内容不是一个对象", EN: "the file holds no object"},
    "settings.pc.not_text_list": {
        ZH: "{setting} 须为文字列表",
        EN: "{setting} must be a list of text",
    },
    "settings.pc.not_whole_number": {
        ZH: "{setting} 须为整数",
        EN: "{setting} must be a whole number",
    },
}
