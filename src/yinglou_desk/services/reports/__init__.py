"""Reports: the figures (统计) and Excel exports for managers."""
