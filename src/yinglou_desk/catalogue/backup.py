"""Backups and restores: what was copied, refused or kept, and who holds the database."""

from __future__ import annotations

from yinglou_desk.catalogue._langs import EN, ZH

ENTRIES: dict[str, dict[str, str]] = {
    "backup.help.backup": {ZH: "备份数据库", EN: "back up the database"},
    "backup.help.output": {
        ZH: "备份文件（默认：数据库旁的 backups 文件夹）",
        EN: "the backup file (default: the backups folder beside the database)",
    },
    "backup.help.restore": {ZH: "从备份恢复", EN: "restore a backup"},
    "backup.help.file": {ZH: "要恢复的备份文件", EN: "the backup file to restore"},
    "backup.done": {ZH: "已备份到 {path}", EN: "Backed up to {path}"},
    "backup.restored": {ZH: "已从 {source} 恢复", EN: "Restored from {source}"},
    "backup.restored_kept": {
        ZH: "已从 {source} 恢复；原数据库已保留为 {kept}",
        EN: "Restored from {source}; the replaced database is kept as {kept}",
    },
    "backup.restored_upgraded": {
        ZH: "备份的数据库版本 {old} 已升级到 {new}",
        EN: "The backup's schema version {old} was upgraded to {new}",
    },
    "backup.nothing_changed": {
        ZH: "{reason}（未做任何更改）",
        EN: "{reason} (nothing was changed)",
    },
    "backup.list_separator": {ZH: "；", EN: "; "},
    "backup.database_missing": {
        ZH: "数据库文件不存在：{path}",
        EN: "The database file does not exist: {path}",
    },
    "backup.file_missing": {ZH: "找不到备份文件：{path}", EN: "Backup file not found: {path}"},
    "backup.cannot_read": {ZH: "无法读取 {path}：{error}", EN: "Cannot read {path}: {error}"},
    "backup.not_sqlite": {
        ZH: "{name} 不是 SQLite 数据库文件",
        EN: "{name} is not an SQLite database file",
    },
    "backup.damaged": {ZH: "{name} 已损坏：{detail}", EN: "{name} is damaged: {detail}"},
    "backup.not_yinglou": {
        ZH: "{name} 不是影楼客件追踪的数据库",
        EN: "{name} is not a yinglou-desk database",
    },
    "backup.unreadable": {
        ZH: "{name} 无法作为数据库打开：{error}",
        EN: "{name} cannot be opened as a database: {error}",
    },
    "backup.target_is_folder": {
        ZH: "备份位置是一个文件夹，请给出文件名：{path}",
        EN: "The backup target is a folder; give a file name: {path}",
    },
    "backup.target_is_database": {
        ZH: "不能把备份写到 {path}：那就是数据库 {database} 或它的 -wal/-shm/-journal 文件；请另选文件名",
        EN: "Cannot write the backup to {path}: that is the database {database} or one of its -wal/-shm/-journal files; choose another file name",
    },
    "backup.failed": {
        ZH: "备份到 {path} 失败：{error}（没有留下不完整的文件）",
        EN: "The backup to {path} failed: {error} (no incomplete file was left behind)",
    },
    "backup.pg_dump_missing": {
        ZH: "没有找到 pg_dump：请在这台电脑上安装 PostgreSQL 客户端（软件包 postgresql-client），或由数据库服务器备份",
        EN: "pg_dump was not found: install the PostgreSQL client on this PC (Debian: apt-get install postgresql-client), or back up on the database server",
    },
    "backup.pg_dump_failed": {ZH: "pg_dump 失败：{error}", EN: "pg_dump failed: {error}"},
    "backup.restore_sqlite_only": {
        ZH: "恢复只支持 SQLite 数据库；PostgreSQL 请用 pg_restore",
        EN: "Restore works on SQLite databases only; for PostgreSQL use pg_restore",
    },
    "backup.restore_from_itself": {
        ZH: "备份文件 {path} 就是当前数据库（或它的附属文件），不能用它恢复自己",
        EN: "The backup file {path} is the live database (or one of its files); it cannot restore itself",
    },
    "backup.newer_revision": {
        ZH: "备份来自更新版本的程序（数据库版本 {revision}），请先升级程序",
        EN: "The backup comes from a newer version of the program (schema version {revision}); upgrade the program first",
    },
    "backup.no_revision": {
        ZH: "{name} 没有记录数据库版本，无法确认它的结构",
        EN: "{name} records no schema version; its structure cannot be checked",
    },
    "backup.schema_mismatch": {
        ZH: "{name} 的结构与本程序数据库版本 {revision} 的结构不一致（可能被其他程序改过）：{differences}",
        EN: "The structure of {name} differs from this program's schema version {revision} (another program may have changed it): {differences}",
    },
    "backup.diff.more": {ZH: "等共 {count} 处不同", EN: "{count} differences in all"},
    "backup.diff.extra_table": {ZH: "多了表 {name}", EN: "extra table {name}"},
    "backup.diff.missing_table": {ZH: "缺少表 {name}", EN: "missing table {name}"},
    "backup.diff.extra_column": {
        ZH: "表 {table} 多了列 {name}",
        EN: "extra column {name} in table {table}",
    },
    "backup.diff.missing_column": {
        ZH: "表 {table} 缺少列 {name}",
        EN: "missing column {name} in table {table}",
    },
    "backup.diff.changed_column": {
        ZH: "表 {table} 的列 {name} 定义不同",
        EN: "column {name} of table {table} is defined differently",
    },
    "backup.diff.column_order": {
        ZH: "表 {table} 的列顺序不同",
        EN: "the columns of table {table} are in another order",
    },
    "backup.diff.changed_foreign_keys": {
        ZH: "表 {table} 的外键不同",
        EN: "the foreign keys of table {table} differ",
    },
    "backup.diff.extra_index": {ZH: "多了索引 {name}", EN: "extra index {name}"},
    "backup.diff.missing_index": {ZH: "缺少索引 {name}", EN: "missing index {name}"},
    "backup.diff.changed_index": {ZH: "索引 {name} 不同", EN: "index {name} differs"},
    "backup.diff.extra_trigger": {ZH: "多了触发器 {name}", EN: "extra trigger {name}"},
    "backup.diff.missing_trigger": {ZH: "缺少触发器 {name}", EN: "missing trigger {name}"},
    "backup.diff.changed_trigger": {ZH: "触发器 {name} 不同", EN: "trigger {name} differs"},
    "backup.diff.extra_view": {ZH: "多了视图 {name}", EN: "extra view {name}"},
    "backup.diff.missing_view": {ZH: "缺少视图 {name}", EN: "missing view {name}"},
    "backup.diff.changed_view": {ZH: "视图 {name} 不同", EN: "view {name} differs"},
    "backup.schema_unavailable": {
        ZH: "无法建立数据库版本 {revision} 的参照结构：{error}",
        EN: "Cannot build the reference structure of schema version {revision}: {error}",
    },
    "backup.upgrade_failed": {
        ZH: "无法把备份从数据库版本 {revision} 升级到当前版本：{error}",
        EN: "Cannot upgrade the backup from schema version {revision} to the current one: {error}",
    },
    "backup.restore_failed": {ZH: "恢复失败：{error}", EN: "The restore failed: {error}"},
    "backup.in_use": {
        ZH: "数据库正在使用中：{holders}；请先关闭这些程序再恢复",
        EN: "The database is in use: {holders}; close these programs before restoring",
    },
    "backup.in_use_starting": {
        ZH: "数据库正在使用中（有程序正在启动）；请稍后再试",
        EN: "The database is in use (a program is starting); try again in a moment",
    },
    "backup.in_use_unknown": {
        ZH: "无法确认数据库是否正在使用（{path}：{error}），因此没有恢复",
        EN: "Cannot tell whether the database is in use ({path}: {error}), so nothing was restored",
    },
    "backup.holder": {
        ZH: "{workstation} 上的{program}（进程 {pid}，自 {since} 起）",
        EN: "{program} on {workstation} (process {pid}, since {since})",
    },
    "backup.holder_on_host": {
        ZH: "{workstation} 上的{program}（电脑 {host}，进程 {pid}，自 {since} 起）",
        EN: "{program} on {workstation} (computer {host}, process {pid}, since {since})",
    },
    "backup.holder_unknown": {
        ZH: "一个无法识别的程序（{file}）",
        EN: "an unidentified program ({file})",
    },
    "backup.kind.desk": {ZH: "桌面程序", EN: "the desk program"},
    "backup.kind.listen": {ZH: "扫描枪监听程序", EN: "the scanner listener"},
    "backup.kind.restore": {ZH: "恢复程序", EN: "a restore"},
    "backup.restoring": {
        ZH: "正在从备份恢复数据库 {database}，请等恢复完成后再启动",
        EN: "The database {database} is being restored from a backup; start again once the restore is done",
    },
}
