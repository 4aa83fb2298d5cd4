"""Object URLs are reversed once per process and filled in per object: the same URLs reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from archive.models import object_url


@pytest.mark.parametrize(
    ("name", "arg"),
    [("quote-detail", 7), ("article-detail", 123456), ("speaker-detail", "vladimir-putin"), ("speaker-feed", "a_b-2")],
)
def test_object_urls_are_what_reverse_gives(name, arg):
    assert object_url(name, arg) == reverse(name, args=[arg])


def test_object_urls_follow_the_script_prefix():
    try:
        set_script_prefix("/archive/")
        assert object_url("quote-detail", 3) == "/archive/quotes/3/" == reverse("quote-detail", args=[3])
    finally:
        set_script_prefix("/")
    assert object_url("quote-detail", 3) == "/quotes/3/"
