"""National profile: the names the lessons use for the reader's own authorities, laws and reporting channel.

The profile comes from EMBARGO_KIT_PROFILE (a path; set by ``python -m embargo_kit.book build --profile FILE``
or ``embargo-kit profile build FILE``) or the config value ``embargo_kit_profile``. It is validated at
config-inited: a bad profile stops the build with the validator's messages (file, line, fix). Its values become
MyST substitutions (``{{ focal_point }}``, ``{{ fiu }}`` ...; see :data:`embargo_kit.profile.NEUTRAL`); with no
profile the lessons get the neutral wording ("your national focal point").

Every page says which profile it was built for: in the footer, in a ``<meta name="embargo-kit-profile">`` tag
(read by the workshop kit), and, when a profile is set, in the announcement bar, after the instructor
edition's warning when there is one.

Translation: ``EMBARGO_KIT_LANGUAGE=fr`` (or the config value ``language``) builds the pages in that language
from the gettext catalogs in ``locale/<lang>/LC_MESSAGES/`` (the handbook's "Translate the kit").

Wiring (the lead): add ``profile`` to the modules set up in ``embargo_kit/sphinx/__init__.py``.
"""
from __future__ import annotations

import os
from html import escape
from pathlib import Path

from sphinx.errors import ConfigError

from embargo_kit import profile as _profile


def _on_config_inited(app, config):
    path = os.environ.get(_profile.ENV_VAR) or config.embargo_kit_profile
    prof = None
    if path:
        path = Path(path)
        if not path.is_absolute():
            path = path.resolve() if path.exists() else Path(app.srcdir) / path
        try:
            prof = _profile.load_profile(path)
        except _profile.ProfileError as exc:
            raise ConfigError(str(exc)) from None
    subs = _profile.markdown_safe(_profile.substitutions(prof))
    # The book's own substitutions (if any) win over ours, so a page can still override a name.
    config.myst_substitutions = {**subs, **(config.myst_substitutions or {})}
    sentence = _profile.announcement(prof)
    config.embargo_kit_profile_label = prof.label if prof else ""
    options = dict(config.html_theme_options or {})
    footer = f'<p class="ek-profile">{escape(sentence)}</p>'
    options["extra_footer"] = (options.get("extra_footer") or "") + footer
    if prof is not None:
        before = options.get("announcement") or ""
        # The theme inserts the announcement as HTML: the country name is escaped.
        options["announcement"] = f"{before} · {escape(sentence)}" if before else escape(sentence)
    config.html_theme_options = options

    language = os.environ.get("EMBARGO_KIT_LANGUAGE")
    if language:
        config.language = language
    # One catalog per page (locale/<lang>/LC_MESSAGES/book/awareness/awareness-01-....po), not one per folder.
    config.gettext_compact = False
    if "locale" not in config.locale_dirs:
        config.locale_dirs = [*config.locale_dirs, "locale"]


def _on_page_context(app, pagename, templatename, context, doctree):
    label = app.config.embargo_kit_profile_label or "none"
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<meta name="embargo-kit-profile" content="{escape(label, quote=True)}">')


def setup(app):
    app.add_config_value("embargo_kit_profile", "", "env")
    app.add_config_value("embargo_kit_profile_label", "", "env")
    # After editions.py (priority 100), so the instructor announcement is kept and ours is added to it.
    app.connect("config-inited", _on_config_inited, priority=150)
    app.connect("html-page-context", _on_page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
