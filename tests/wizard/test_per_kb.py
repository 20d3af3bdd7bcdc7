"""The per-knowledge-base cache keeps the values of the two versions most recently asked for."""

from wizard.questionnaire.per_kb import PerKnowledgeBase


class KB:  # any object stands for a version: the cache tells them apart by identity
    pass


def test_two_versions_asked_in_turn_keep_their_values_and_a_third_pushes_the_oldest_out():
    cache, computed = PerKnowledgeBase(size=8), []

    def get(kb, key):
        return cache.get(kb, key, lambda: computed.append((kb, key)) or (kb, key))

    old, new, newer = KB(), KB(), KB()
    for _ in range(3):
        assert get(old, "a") == (old, "a") and get(new, "a") == (new, "a")
    assert computed == [(old, "a"), (new, "a")]
    get(newer, "a")
    get(new, "a")
    get(old, "a")  # the least recently asked version went out with the third
    assert computed == [(old, "a"), (new, "a"), (newer, "a"), (old, "a")]


def test_each_version_holds_at_most_size_values():
    cache, kb, computed = PerKnowledgeBase(size=2), KB(), []
    for key in ("a", "b", "c", "a"):
        cache.get(kb, key, lambda key=key: computed.append(key) or key)
    assert computed == ["a", "b", "c", "a"]  # "a" was the oldest of three
