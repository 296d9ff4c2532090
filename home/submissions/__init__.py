"""Public submissions, used by `events` and `directory` through `home` only.

models.py      Submission (private: moderators only), and the database rows
               behind the safeguards (SubmissionToken, SubmissionRate)
forms.py       PublicSubmissionForm, the base of every public form
safeguards.py  the limit per client address and the once-only form token
services.py    record_submission, status sync, e-mails, erasing personal data
views.py       submission_view (form, safeguards, recording) and submission_thanks
signals.py     what approve, reject and publish do to a submission
wagtail_hooks.py  the moderators' inbox (wagtail-modeladmin)
Templates: home/templates/submissions/; e-mails: hub/templates/emails/submission_*.
"""

# Named by path in settings (AXES_CLIENT_IP_CALLABLE) and by hub.accounts.
from home.submissions.client_address import client_ip

__all__ = ["client_ip"]
