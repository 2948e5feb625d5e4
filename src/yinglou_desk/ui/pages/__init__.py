"""The desk's pages: 查件, 看板, 今日, 统计, 对账 and the order panel they share."""
