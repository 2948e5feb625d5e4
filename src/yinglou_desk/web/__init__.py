"""The phone page's servers: the HTTPS app (the page and its JSON API) and the plain-HTTP trust page, on uvicorn. They call the same services as the desk; see docs/PHONE.md."""
