"""View-independent core: the selection and URL, texts and notation, figure builders, the view contract."""
