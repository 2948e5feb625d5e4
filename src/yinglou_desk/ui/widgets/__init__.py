"""Shared look: the state colours of PRODUCT.md, always with words beside them."""
