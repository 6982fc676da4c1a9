"""Immich's clean_text (machine-learning/immich_ml/models/transforms.py), reproduced exactly: reads a JSON
list of texts on stdin, writes {"whitespace": [...], "canonicalize": [...]} on stdout."""
import json
import string
import sys

_PUNCTUATION_TRANS = str.maketrans("", "", string.punctuation)


def clean_text(text: str, canonicalize: bool = False) -> str:
    text = " ".join(text.split())
    if canonicalize:
        text = text.translate(_PUNCTUATION_TRANS).lower()
    return text


texts = json.load(sys.stdin)
json.dump({"whitespace": [clean_text(t) for t in texts],
           "canonicalize": [clean_text(t, canonicalize=True) for t in texts]},
          sys.stdout, ensure_ascii=False)
