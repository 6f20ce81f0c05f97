"""The request checker: JSON errors with their position, fields, roles, ranges, and exact token counts."""

import json

import pytest

from troubleshooter.wizard.request_check import count_message_tokens, count_text_tokens, model_info, request_check


@pytest.mark.parametrize(
    ("text", "encoding", "tokens"),
    [
        # Known values: tiktoken's README and OpenAI's tokenizer page.
        ("tiktoken is great!", "cl100k_base", 6),
        ("hello world", "cl100k_base", 2),
        ("hello world", "o200k_base", 2),
        ("", "o200k_base", 0),
    ],
)
def test_text_tokens_match_known_counts(text, encoding, tokens):
    assert count_text_tokens(text, encoding=encoding) == tokens


def test_the_tokens_are_openais_own_ids():
    import bpe_openai

    assert bpe_openai.get_encoding("cl100k_base").encode("tiktoken is great!") == [83, 1609, 5963, 374, 2294, 0]
    assert bpe_openai.get_encoding("o200k_base").encode("hello world") == [24912, 2375]


def test_chat_messages_are_counted_as_the_api_counts_them():
    messages = [{"role": "system", "content": "hello world"}, {"role": "user", "content": "hello world", "name": "a"}]

    # 3 per message + role + content (+1 and the name's tokens) + 3 priming the reply
    expected = 3 + 1 + 2 + 3 + 1 + 2 + 1 + 1 + 3
    assert count_message_tokens(messages, encoding="o200k_base") == expected


def test_a_syntax_error_gives_its_line_and_column():
    result = request_check(text='{\n  "model": "gpt-4o",\n  "messages": [],\n}', endpoint="chat")

    assert result.json_error == {"line": 4, "column": 1, "message": "Expecting property name enclosed in double quotes"}


@pytest.mark.parametrize(
    ("endpoint", "body", "missing"),
    [
        ("chat", {"messages": [{"role": "user", "content": "hi"}]}, "model"),
        ("responses", {"model": "gpt-4o"}, "input"),
        ("embeddings", {"input": "hi"}, "model"),
    ],
)
def test_a_missing_required_field_is_named(endpoint, body, missing):
    result = request_check(text=json.dumps(body), endpoint=endpoint)

    assert f"The required field “{missing}” is missing." in result.problems


def test_an_unknown_role_is_named_with_its_position():
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "a"}, {"role": "bot", "content": "b"}]}

    problems = request_check(text=json.dumps(body), endpoint="chat").problems

    assert problems == ["messages[1]: role “bot” is not one of system, developer, user, assistant, tool, function."]


@pytest.mark.parametrize(
    ("name", "value", "bad"),
    [
        ("temperature", 2.5, True),
        ("temperature", 2, False),
        ("top_p", 1.1, True),
        ("top_p", 0, False),
        ("presence_penalty", -2.1, True),
        ("frequency_penalty", 2, False),
        ("n", 0, True),
        ("temperature", "hot", True),
    ],
)
def test_parameters_out_of_range_are_reported(name, value, bad):
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], name: value}

    problems = request_check(text=json.dumps(body), endpoint="chat").problems

    assert bool(problems) is bad
    if bad:
        assert problems[0].startswith(f"“{name}” is ")


def test_max_tokens_on_a_reasoning_model_asks_for_max_completion_tokens():
    body = {"model": "o3-mini", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 100}

    problems = request_check(text=json.dumps(body), endpoint="chat").problems

    assert problems == ["o3-mini is a reasoning model: use “max_completion_tokens” instead of “max_tokens”."]


def test_a_prompt_longer_than_the_context_window_is_flagged():
    body = {"model": "gpt-4-0613", "messages": [{"role": "user", "content": "hello " * 9000}]}

    result = request_check(text=json.dumps(body), endpoint="chat")

    assert result.context_window == 8192
    assert result.tokens > 9000 and result.over_window


def test_dated_snapshots_find_their_family_in_the_model_table():
    assert model_info("gpt-4o-2024-08-06")["encoding"] == "o200k_base"
    assert model_info("gpt-4o-mini-2024-07-18")["context_window"] == 128000
    assert model_info("gpt-4omni") is None


def test_an_unknown_model_gets_no_count_and_says_why():
    body = {"model": "my-finetune", "messages": [{"role": "user", "content": "hi"}]}

    result = request_check(text=json.dumps(body), endpoint="chat")

    assert result.tokens is None
    assert result.notes == ["The model “my-finetune” is not in the table: no token count."]


def test_embeddings_count_the_longest_input():
    body = {"model": "text-embedding-3-small", "input": ["hello world", "tiktoken is great!"]}

    assert request_check(text=json.dumps(body), endpoint="embeddings").tokens == 6
