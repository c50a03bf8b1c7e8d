"""My lab: what needs a signed-in person now (app.lab.overview), and its page (app.lab.web)."""
