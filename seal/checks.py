from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register
from django.utils.translation import gettext as _


@register()
def seal_configured(app_configs, **kwargs):
    """In production, say at start-up when approved notes will not be sealed; the portal works all the same."""
    if settings.DEBUG or settings.SEAL_SIGNER:
        return []
    path = settings.SEAL_PKCS12_PATH
    if not path:
        return [Warning(_("No seal certificate is configured (SEAL_PKCS12_PATH): approved notes will not be sealed."),
                        id="seal.W001")]  # fmt: skip
    if not Path(path).is_file():
        return [Warning(_("The seal certificate %(path)s cannot be read: approved notes will not be sealed.")
                        % {"path": path}, id="seal.W002")]  # fmt: skip
    return []
