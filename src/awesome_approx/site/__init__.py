"""The website's edge: the MkDocs plugin over awesome_approx.render.pages."""
