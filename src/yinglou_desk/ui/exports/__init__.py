"""Files the desk writes for staff: where to save, and tables as shown on screen."""
