"""Actors stage: undated articles, names inside longer names, context countries, ethnic
groups, noun-phrase agents and things that look like actors but are not (own sentences)."""

from __future__ import annotations

from datetime import date

from newsevents.actors.knowledge import code_at


def actors(run, text, published=date(2015, 1, 27)):
    return run(text, published=published, stages=["actors"]).actors


def find(mentions, text):
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[(m.text, m.code) for m in mentions]}"
    return hits[0]


def texts(mentions):
    return [m.text for m in mentions]


# --- undated articles -------------------------------------------------------------------

def test_undated_entry_prefers_the_latest_office_over_former_and_default():
    codes = (("XXXELI", "1960-01-01", "1990-12-31"), ("XXXGOV", "1991-01-01", "1999-12-31"),
             ("XXXELI", "2000-01-01", None), ("XXXELI", None, None))
    assert code_at(codes, None) == "XXXGOV"
    assert code_at(codes, date(2005, 6, 1)) == "XXXELI"
    # nothing but "former" ranges: the undated default still wins over the newest range
    assert code_at((("YYYELI", "1980-01-01", None), ("YYY", None, None)), None) == "YYY"


def test_undated_article_codes_a_leader_in_office(run):
    text = "Vladimir Putin met regional governors in Sochi."
    assert find(actors(run, text, published=None), "Vladimir Putin").code == "RUSGOV"
    assert find(actors(run, text, published=date(1995, 3, 2)), "Vladimir Putin").code == "RUSELI"


# --- dictionary names out of context ------------------------------------------------------

def test_one_word_entry_inside_a_longer_name_is_someone_else(run):
    # Phoenix has a one-word entry "Hassan" (a Jordanian royal)
    alone = find(actors(run, "Hassan arrived in Amman on Friday."), "Hassan")
    assert alone.code and alone.code.startswith("JOR")
    mentions = actors(run, "Ahmed Hassan Karimi, a businessman, arrived in Amman on Friday.")
    person = next(m for m in mentions if "Karimi" in m.text)
    assert "Hassan" in person.text and person.code is None


def test_one_word_group_entry_named_by_a_foreign_place_is_something_else(run):
    mentions = actors(run, "The Detroit Tigers beat Cleveland on Sunday.")
    assert find(mentions, "Tigers").code is None
    assert find(actors(run, "The Tamil Tigers attacked an army camp."), "Tamil Tigers").code == "LKAREB"


def test_title_inside_a_dictionary_name_overrides_its_former_code(run):
    # the dictionary entry "President Bush" has no range for 2005 and falls back on USAELI
    day = date(2005, 6, 1)
    sitting = find(actors(run, "President Bush signed the energy bill on Monday.", day), "President Bush")
    assert (sitting.code, sitting.resolved_from) == ("USAGOV", "title")
    former = next(m for m in actors(run, "Former President Bush opened the library on Monday.", day) if "Bush" in m.text)
    assert former.code == "USAELI"


def test_portfolio_between_country_and_title(run):
    mentions = actors(run, "Kenyan Energy Minister Paul Wambua signed the deal in Nairobi.")
    minister = next(m for m in mentions if "Wambua" in m.text)
    assert minister.code == "KENGOV" and minister.text.startswith("Kenyan")


def test_dictionary_name_inside_a_date_is_a_date(run):
    # "May 15" is also the name of a group in the Phoenix dictionaries
    assert not [m for m in actors(run, "The ceasefire takes effect on May 15, officials said.") if "May" in m.text]


def test_title_with_of_country_codes_the_person(run):
    mentions = actors(run, "King Hassan of Morocco said on Tuesday he would host the talks.")
    king = find(mentions, "King Hassan of Morocco")
    assert (king.code, king.resolved_from) == ("MARGOV", "title")
    assert find(mentions, "he").code == "MARGOV"


def test_hyphenated_text_matches_the_dictionary_spelling(run):
    # the dictionaries spell it TIMOR_LESTE; the text writes a hyphen
    assert find(actors(run, "Timor-Leste signed the accord on Friday."), "Timor-Leste").code == "TLS"


def test_parenthesised_abbreviation_does_not_hide_the_full_name(run):
    mentions = actors(run, "The Liberation Tigers of Tamil Eelam rejected the offer on Monday.")
    tigers = next(m for m in mentions if "Tigers" in m.text)
    assert tigers.code == "LKAREB" and tigers.text.startswith("Liberation")


# --- coreference ---------------------------------------------------------------------------------

def test_bracketed_abbreviation_names_the_same_actor(run):
    text = ("The Organisation for Economic Cooperation and Development (OECD) cut its forecast on Monday. "
            "Later the OECD said exports would recover.")
    mentions = actors(run, text)
    full = next(m for m in mentions if m.text.startswith("Organisation"))
    later = [m for m in mentions if m.text == "OECD"]
    assert full.code and full.code.startswith("IGO")
    assert len(later) == 2 and all(m.code == full.code and m.entity == full.entity for m in later)


def test_it_does_not_resolve_to_a_nationality_adjective(run):
    text = "Officials approved imports of Brazilian sugar last week. It will be shipped in March."
    assert not [m for m in actors(run, text) if m.text == "It"]


def test_specified_description_is_not_a_back_reference(run):
    text = ("Peru's government raised taxes on Monday. The president of the Lima chamber of commerce, "
            "Jorge Salas, criticised the move.")
    president = find(actors(run, text), "president")
    assert president.code is None and president.resolved_from == "agent"


def test_capital_naming_a_thing_is_the_country_not_its_government(run):
    mentions = actors(run, "Shares fell on the Tokyo Stock Exchange, while Tokyo said it would act.")
    first, second = [m for m in mentions if m.text == "Tokyo"]
    assert first.code == "JPN" and second.code == "JPNGOV"


def test_country_named_like_its_capital_is_the_country(run):
    mentions = actors(run, "Mexico's economy grew faster than expected last year.")
    assert find(mentions, "Mexico").code == "MEX"


# --- the sentence's country for titles without an owner -------------------------------------

def test_untitled_country_comes_from_the_one_country_of_the_sentence(run):
    text = "President Tomas Belvar lifted the overnight curfew in Moldova after two weeks of protests."
    president = find(actors(run, text), "President Tomas Belvar")
    assert (president.code, president.resolved_from) == ("MDAGOV", "context")


def test_article_country_for_a_sentence_without_any(run):
    text = ("The Estonian government raised fuel prices on Monday. Estonian Prime Minister Karl Mets defended "
            "the decision. Deputy Prime Minister Ants Roos said more increases would follow.")
    roos = find(actors(run, text), "Deputy Prime Minister Ants Roos")
    assert (roos.code, roos.resolved_from) == ("ESTGOV", "context")


def test_no_context_country_when_another_leader_owns_it(run):
    text = "President Tomas Belvar welcomed Bulgarian Prime Minister Ivan Dranov to the summit."
    mentions = actors(run, text)
    assert find(mentions, "President Tomas Belvar").code is None
    assert find(mentions, "Bulgarian Prime Minister Ivan Dranov").code == "BGRGOV"


def test_no_context_country_when_the_sentence_names_two(run):
    text = "Judge Anna Koval ordered the release of two Georgian and three Armenian truck drivers."
    assert find(actors(run, text), "Judge Anna Koval").code is None


# --- peoples and ethnic groups ------------------------------------------------------------------

def test_plural_nationality_noun_is_that_countrys_civilians(run):
    mentions = actors(run, "Thousands of Ghanaians marched through Accra on Saturday.")
    assert find(mentions, "Ghanaians").code == "GHACVL"
    # a country whose name ends in -s is still the country
    assert find(actors(run, "The Philippines protested on Monday."), "Philippines").code == "PHL"


def test_ethnic_group_is_coded_by_the_country_it_lives_in(run):
    mentions = actors(run, "Hundreds of ethnic Hungarians rallied in Slovakia on Sunday.")
    hungarians = find(mentions, "ethnic Hungarians")
    assert hungarians.code == "SVKCVL"
    lone = find(actors(run, "Ethnic Hungarians rallied on Sunday."), "Ethnic Hungarians")
    assert lone.code == "HUNCVL"


def test_people_named_with_a_country_are_its_civilians(run):
    mentions = actors(run, "Thousands of Syrian Kurds fled across the border on Tuesday.")
    assert find(mentions, "Syrian Kurds").code == "SYRCVL"


# --- noun phrases --------------------------------------------------------------------------------

def test_agent_takes_the_country_across_the_noun_phrase(run):
    mentions = actors(run, "The camp shelters 4,000 Syrian Kurd refugees near the border.")
    assert find(mentions, "Syrian Kurd refugees").code == "SYRREF"
    led = find(actors(run, "French-led forces entered the town on Monday."), "French-led forces")
    assert led.code == "FRAMIL"


def test_institution_owned_by_another_country_than_the_dictionarys(run):
    # Phoenix gives the one-word "Senate" to the United States
    mentions = actors(run, "Critics of Rwanda's Senate marched in Kigali on Sunday.")
    senate = next(m for m in mentions if "Senate" in m.text)
    assert senate.country == "RWA" and senate.code.endswith("LEG")


def test_organisation_forces_keep_their_role_but_officials_do_not(run):
    mentions = actors(run, "UN troops left the town while a UN official stayed behind.")
    assert find(mentions, "UN troops").code == "IGOUNOMIL"
    assert find(mentions, "UN official").code == "IGOUNO"


# --- things that are not actors ---------------------------------------------------------------------

def test_possessive_owner_wins_over_a_locative_complement(run):
    mentions = actors(run, "Turkey has strengthened its troops in Syria after the attack.")
    troops = next(m for m in mentions if "troops" in m.text)
    assert troops.code == "TURMIL"
    assert find(mentions, "Syria").code == "SYR"


def test_event_noun_is_not_an_actor(run):
    text = "Belarus denies arming the militants. Officials blamed Minsk for the rebellion."
    assert "rebellion" not in texts(actors(run, text))


def test_supplies_after_provide_with_are_not_actors(run):
    text = "Iran has provided the militia with money, training, fighters and artillery, officials said."
    found = texts(actors(run, text))
    assert "artillery" not in found and "fighters" not in found
    assert "militia" in " ".join(found)


def test_weapons_act_as_subjects(run):
    mentions = actors(run, "Turkish tanks shelled a village near the border on Monday.")
    assert find(mentions, "Turkish tanks").code == "TURMIL"
    mentions = actors(run, "Army bulldozers razed four houses; the army also sent tanks to the area.")
    assert "tanks" not in texts(mentions)


def test_predicate_nationality_is_not_a_mention(run):
    mentions = actors(run, "The gunmen who seized the ship are Somali, the navy said.")
    assert "Somali" not in texts(mentions)
    # ... but it is said of the subject, which takes the country
    assert find(mentions, "gunmen").code == "SOMUAF"


# --- evaluation conventions ---------------------------------------------------------------------------

def test_eval_maps_legacy_codes_and_reads_the_placeholder_date_as_unknown():
    from conftest import needs_shared

    from newsevents.evaluate.actors import modern_code, read_plover

    assert modern_code("JAPGOV") == "JPNGOV" and modern_code("ITL") == "ITA" and modern_code("RUSMIL") == "RUSMIL"
    sentences = read_plover(needs_shared("gold", "plover", "PLOVER_GSR_CAMEO.json"))
    assert all(s.published is None for s in sentences)
    assert not any(a.code[:3] in ("JAP", "ITL", "VTN") for s in sentences for a in s.actors)


# --- state institutions named without their state -------------------------------------------------

def test_institution_takes_the_dateline_country(run):
    text = "The Interior Ministry said on Monday that curfews would be lifted. Diplomats welcomed the move."
    mentions = run(text, published=date(2015, 1, 27), stages=["actors"], dateline="KAMPALA").actors
    ministry = find(mentions, "Interior Ministry")
    assert (ministry.code, ministry.resolved_from) == ("UGAGOV", "context")
    assert find(mentions, "Diplomats").code is None
    undated = find(actors(run, text), "Interior Ministry")
    assert undated.country is None and undated.code == "---GOV"  # no country assumed


def test_institution_beside_another_country_stays_uncoded(run):
    text = "The government thanked Kenya for its help with the flood relief."
    mentions = run(text, published=date(2015, 1, 27), stages=["actors"], dateline="KAMPALA").actors
    assert find(mentions, "government").country is None
