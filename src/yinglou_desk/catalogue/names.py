"""The names of item states, order progress, stations and roles."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "state.registered": {ZH: "未发件", EN: "not sent"},
    "state.sent_out": {ZH: "在厂商", EN: "at vendor"},
    "state.ready": {ZH: "已回件待取", EN: "ready"},
    "state.picked_up": {ZH: "已取件", EN: "picked up"},
    "state.rework": {ZH: "返工", EN: "rework"},
    "state.cancelled": {ZH: "已取消", EN: "cancelled"},
    "progress.not_started": {ZH: "未开始", EN: "not started"},
    "progress.in_production": {ZH: "制作中", EN: "in production"},
    "progress.partly_ready": {ZH: "部分回件", EN: "partly ready"},
    "progress.ready": {ZH: "全部到齐", EN: "ready"},
    "progress.partly_picked_up": {ZH: "部分取件", EN: "partly picked up"},
    "progress.completed": {ZH: "已完成", EN: "completed"},
    "station.send-out": {ZH: "发件", EN: "send-out"},
    "station.check-in": {ZH: "回件", EN: "check-in"},
    "station.pickup": {ZH: "取件", EN: "pickup"},
    "role.sorter": {ZH: "理件员", EN: "sorter"},
    "role.desk": {ZH: "门市", EN: "front desk"},
    "role.manager": {ZH: "店长", EN: "manager"},
    "role.admin": {ZH: "管理员", EN: "administrator"},
}
