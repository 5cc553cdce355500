"""The test tiers given by tests/conftest.py: model and index tests are ``integration``, browser
files too, and a browser test that would skip in CI fails instead. (The files made here have
names of their own: a module name the outer session imported already could not be collected.)"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
# The fixtures are replaced by stand-ins of the same names: what is checked is the marking,
# not the model.
STANDINS = """
import pytest

@pytest.fixture
def embedder():
    return "model"

@pytest.fixture
def store(embedder):
    return "index"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    conftest = CONFTEST.split('@pytest.fixture(scope="session")')[0]  # the hooks, without the real fixtures
    pytester.makeconftest(conftest)
    pytester.makepyfile(
        test_tier_probe_units=STANDINS + "\ndef test_fast():\n    pass\n\ndef test_model(embedder):\n    pass\n"
        "\ndef test_through_a_fixture(store):\n    pass\n",
        test_tier_probe_slow="import pytest\n\n@pytest.mark.slow\ndef test_long():\n    pass\n",
        test_tier_probe_browser="import pytest\n\ndef test_page():\n    pytest.skip('Chromium is missing')\n",
    )
    pytester.makeini("[pytest]\nmarkers =\n    integration: x\n    e2e: x\n    slow: x\n")
    return pytester


def test_the_fast_tier_leaves_out_model_index_and_browser_tests(project, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = project.runpytest("-m", "not integration")
    result.assert_outcomes(passed=1, deselected=4)
    result = project.runpytest("-m", "integration")
    result.assert_outcomes(passed=2, skipped=1, deselected=2)


def test_slow_tests_run_only_when_named(project, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    project.runpytest().assert_outcomes(passed=3, skipped=1, deselected=1)
    project.runpytest("-m", "slow").assert_outcomes(passed=1, deselected=4)


def test_a_browser_test_that_skips_fails_in_ci(project, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = project.runpytest("-m", "e2e")
    result.assert_outcomes(failed=1, deselected=4)
    result.stdout.fnmatch_lines(["*browser test skipped in CI*Chromium is missing*"])
