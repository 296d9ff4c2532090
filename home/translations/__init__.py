"""Content in several languages: how a visitor's locale finds a page
(`fallback`), the alternates and sitemap of live translations (`alternates`),
translations as drafts in the moderation workflow (`moderation`), and the
notice on machine-translated drafts (`machine`)."""
