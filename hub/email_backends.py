"""The e-mail backend of production settings when no mail server is configured.

Django's console backend would print every message whole into the server log,
with the names and addresses of the people who submitted entries, events or
membership applications. This one sends nothing and logs only how many
messages and recipients were dropped, so an operator sees that e-mail needs
setting up without the log becoming a store of personal data.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("hub.email")


class UnconfiguredEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        messages = list(email_messages or [])
        if messages:
            recipients = sum(len(message.recipients()) for message in messages)
            logger.warning(
                "%d e-mail(s) to %d recipient(s) not sent: no EMAIL_HOST is configured.",
                len(messages),
                recipients,
            )
        # Nothing was sent; callers that count deliveries must not think otherwise.
        return 0
