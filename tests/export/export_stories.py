"""Articles written for the export tests: one arrest reported by two outlets, a meeting, a
statement without a target, and an article in which nothing happens."""

from __future__ import annotations

from datetime import date

from newsevents.model import Article, article_id

STORIES = [
    dict(
        outlet="Harbour Times", url="https://www.harbourtimes.example/2024/03/04/nairobi-arrests",
        published=date(2024, 3, 4), title="Police arrest protesters in Nairobi",
        text=(
            "NAIROBI, March 4 - Kenyan police arrested dozens of protesters in Nairobi on Monday and fired tear gas "
            "at crowds marching against new taxes.\n\n"
            "The interior ministry said the march had not been authorised. Witnesses said several people were "
            "injured.\n"
        ),
    ),
    dict(
        outlet="Coast Wire", url="https://coastwire.example/news/kenya-protest",
        published=date(2024, 3, 4), title="Kenya protest",
        text=(
            "The opposition condemned the crackdown. Kenyan police arrested dozens of protesters in Nairobi on "
            "Monday, according to the opposition.\n"
        ),
    ),
    dict(
        outlet="Harbour Times", url="https://www.harbourtimes.example/2024/03/11/geneva-talks",
        published=date(2024, 3, 11), title="Ministers meet in Geneva",
        text=(
            "GENEVA, March 11 - The foreign ministers of Turkey and Greece met in Geneva on Monday to discuss "
            "the maritime border dispute, officials said.\n"
        ),
    ),
    dict(
        outlet="Coast Wire", url=None, published=date(2024, 3, 12), title="Weather",
        text="The weather in the capital was mild and sunny on Tuesday, and the markets were busy.\n",
    ),
]


def articles() -> list[Article]:
    return [
        Article(id=article_id(s["url"], s["text"]), text=s["text"], title=s["title"], url=s["url"],
                outlet=s["outlet"], published=s["published"], source=s["url"] or "weather.txt")
        for s in STORIES
    ]
