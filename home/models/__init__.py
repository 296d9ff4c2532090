from home.models.embeddings import PageEmbedding
from home.models.images import HubImage, HubRendition
from home.models.news import NewsIndexPage, NewsPage
from home.models.pages import HomeFeaturedEntry, HomePage, StandardPage
from home.models.site_settings import SiteSettings
from home.models.taxonomy import Term, Topic
from home.privacy_scan.models import PersonalDataCheckTask, PersonalDataFinding
from home.submissions.models import Submission, SubmissionRate, SubmissionToken

__all__ = [
    "HomeFeaturedEntry",
    "HomePage",
    "HubImage",
    "HubRendition",
    "NewsIndexPage",
    "NewsPage",
    "PageEmbedding",
    "PersonalDataCheckTask",
    "PersonalDataFinding",
    "SiteSettings",
    "StandardPage",
    "Submission",
    "SubmissionRate",
    "SubmissionToken",
    "Term",
    "Topic",
]
