"""Orders: importing order sheets, finding orders (查件), the board, order details and corrections, customers' data, and the feed of changes other PCs made."""
