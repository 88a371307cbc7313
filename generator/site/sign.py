"""The text for the entrance sign of a camera-surveilled place: `sign/kamerabevakning.txt`.

Kamerabevakningslagen (2018:1200) 15 § asks for clear signs or another effective
way of telling people; the sign names who is responsible and where to read
more, the privacy page holds the rest (GDPR Art. 13, layered, as EDPB
Guidelines 3/2019 § 114 describe). Plain UTF-8 text, in Swedish.
"""

from __future__ import annotations

from urllib.parse import urljoin

from generator.model import Policy
from generator.output import OutputFiles
from generator.texts.phone import phone_in_words
from generator.texts.situations import camera_sign_text

SIGN_PATH = "sign/kamerabevakning.txt"


def render_camera_signs(policy: Policy) -> OutputFiles:
    """One sign per camera-surveilled activity: `sign/kamerabevakning.txt`, or `-<id>` when there are several."""
    cameras = [a for a in policy.activities if a.camera_surveillance is not None]
    controller = policy.controller
    name = controller.legal_name or controller.name
    if controller.org_number:
        name += f" ({controller.org_number})"
    contact = phone_in_words(controller.phone, "sv") if controller.phone else controller.email
    page = urljoin(policy.site.base_url, policy.site.policy_url or policy.site.publish_path)
    files: OutputFiles = {}
    for activity in cameras:
        assert activity.camera_surveillance is not None
        path = SIGN_PATH if len(cameras) == 1 else SIGN_PATH.replace(".txt", f"-{activity.id}.txt")
        text = camera_sign_text(name, contact, activity.camera_surveillance.areas.sv, f"{page}#activity-{activity.id}")
        files[path] = text.encode("utf-8")
    return files
