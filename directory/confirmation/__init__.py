"""Confirmation of a draft directory entry by the organisations it credits, who have no account.

A moderator sends a signed, expiring link from the page's header menu in the admin
(`admin_views.send_confirmation_link`); its holder sees that revision of the entry
read-only at `/directory/confirm/<token>/` (`views.confirm_entry`) and confirms
the description or asks for a change. Both answers, and the sending, are in the
page's history (log actions registered in directory/wagtail_hooks.py).

- `links`: the token (django.core.signing, salted, with `max_age`) and the checks
  that make a link dead: expired, tampered, answered, or the entry published since.
- `services`: send a link (a task, as every e-mail of the site) and record an answer.
"""
