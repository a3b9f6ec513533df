"""Mask page furniture (ads, captions, share prompts) so extraction never sees it.

Masked lines become spaces of the same length, so character offsets still point into the original text.

>>> mask_noise("Kupiansk fell.\\nRead the original article here\\nStill Pokrovsk digi.png\\n").strip()
'Kupiansk fell.'
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"""^\W*(?:
        read\ (?:the\ )?(?:original|full|more)\b.*
      | (?:click|tap)\ here\b.*
      | (?:sign\ up|subscribe|log\ ?in|register)\b.*
      | (?:try|start)\b.*\bfree\b.*
      | .*\bfree\ for\ \d+\ days?\b.*
      | .*\b(?:per|a)\ month\b.*\$\d.*
      | .*\$\d+(?:\.\d+)?\ (?:a|per)\ month.*
      | (?:unlimited|full)\ access\b.*
      | .*\b(?:movie|tv|series)\ streams?\b.*
      | .*\bstream(?:ing)?\ (?:platforms?|watch|advisor)\b.*
      | (?:advertisement|sponsored|related|share\ this|follow\ us|watch\ limit|message|cookies?)\b.{0,40}
      | .*\b(?:all\ rights\ reserved|copyright\ ©)\b.*
      | \S+\.(?:png|jpe?g|gif|webp|svg|mp4)
      | .*\ \S+\.(?:png|jpe?g|gif|webp)\s*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_INLINE = re.compile(r"\((?:movies|tv series|movies and tv series|advertisement|ad)\)", re.IGNORECASE)


def mask_noise(text: str) -> str:
    """The text with furniture lines and inline ad fragments blanked out."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and _FURNITURE.match(body.strip()):
            out.append(" " * len(body) + line[len(body):])
        else:
            out.append(_INLINE.sub(lambda m: " " * len(m.group()), line))
    return "".join(out)
