"""Binder: what repo2docker will make of this repository, checked without building an image.

mybinder.org builds the "launch" image with repo2docker. It tries its buildpacks in a fixed
order (``Repo2Docker.buildpacks``) and uses the first whose ``detect()`` is true for the repo;
this repository means that to be the Python buildpack reading the ``binder/`` folder (which makes
repo2docker ignore configuration files at the top level): Python from ``binder/runtime.txt``
(3.11: numpy 2.4 and pandas 3.1 need Python >= 3.11, and repo2docker's default is older), then
``pip install -r binder/requirements.txt`` (what a live reader needs, no test or build tool), then
``binder/postBuild`` (``pip install --no-deps .`` for the ``widgets`` package and the shipped
JupyterLab settings, ``binder/overrides.json``). A ``.binder/`` folder, an ``environment.yml``, a
``Dockerfile`` etc. in ``binder/`` would silently change that, so the test checks they are absent.

The development environment (``requirements.txt``) includes ``binder/requirements.txt``: the last
tests check that the running environment holds exactly the Binder pins and that JupyterLab there
reports the jupyterlab-myst extension enabled and compatible.

Uses repo2docker's Python API only (no Docker, no network). Run:
``python -m pytest tests/test_binder.py``.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]

repo2docker_app = pytest.importorskip(
    "repo2docker.app",
    reason="jupyter-repo2docker is not importable: pip install -r requirements.txt (it is pinned there)",
)
from repo2docker.buildpacks import PythonBuildPack  # noqa: E402

BINDER = REPO / "binder"
# Files in binder/ that make repo2docker pick another buildpack than Python.
OVERRIDES = [
    "environment.yml", "environment.yaml", "Dockerfile", "Pipfile", "Pipfile.lock",
    "Project.toml", "REQUIRE", "default.nix", "install.R", "DESCRIPTION", "apt.txt",
]
# Development tools that must not reach a reader's Binder image or course hub.
TEST_AND_BUILD_TOOLS = {
    "pytest", "playwright", "jupyter-repo2docker", "nbval", "hypothesis", "jupyter-book", "coverage",
    "sphinx", "myst-nb", "docker", "greenlet", "iniconfig", "pluggy", "jupyter-cache", "ruff",
}


def pins(path: Path) -> dict[str, str]:
    """Exact pins of a requirements file (canonical name -> version), not following -r."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, sep, version = line.partition("==")
            assert sep, f"{path.name}: not an exact pin: {line!r}"
            found[canonicalize_name(name)] = version
    return found


@pytest.fixture()
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """repo2docker detects with paths relative to the working directory (it chdirs into the checkout)."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture()
def app():
    return repo2docker_app.Repo2Docker()


def _picked(app) -> object:
    """What Repo2Docker.build() picks: the first buildpack in order whose detect() is true."""
    for buildpack_class in app.buildpacks:
        buildpack = buildpack_class(base_image=app.base_image)
        if buildpack.detect():
            return buildpack
    return app.default_buildpack(base_image=app.base_image)


def test_no_file_overrides_the_python_buildpack(in_repo: Path) -> None:
    assert (in_repo / "binder").is_dir(), "binder/ is missing: repo2docker would read the top-level files"
    assert not (in_repo / ".binder").exists(), ".binder/ next to binder/ makes repo2docker stop with an error"
    present = [name for name in OVERRIDES if (in_repo / "binder" / name).exists()]
    assert not present, f"these would change what Binder builds (repo2docker reads them first): {present}"


def test_runtime_txt_asks_for_python_311(in_repo: Path) -> None:
    runtime = in_repo / "binder" / "runtime.txt"
    assert runtime.is_file(), "binder/runtime.txt is missing: Binder would fall back to repo2docker's default Python"
    assert runtime.read_text().strip() == "python-3.11"
    assert not (in_repo / "runtime.txt").exists(), (
        "a top-level runtime.txt is ignored next to binder/: it would mislead"
    )


def test_first_detected_buildpack_is_python(in_repo: Path, app) -> None:
    order = [bp.__name__ for bp in app.buildpacks]
    assert "PythonBuildPack" in order, order
    detected = {bp.__name__: bool(bp(base_image=app.base_image).detect()) for bp in app.buildpacks}
    picked = _picked(app)
    assert type(picked) is PythonBuildPack, (
        f"repo2docker would use {type(picked).__name__}, not PythonBuildPack (detect() in order: {detected})"
    )
    assert picked.binder_dir == "binder", f"repo2docker reads its configuration from {picked.binder_dir!r}"
    assert picked.runtime[:2] == ("python", "3.11"), picked.runtime


def test_python_version_is_311(in_repo: Path, app) -> None:
    picked = _picked(app)
    # python_version would fall back to a default without binder/runtime.txt
    assert picked.python_version == "3.11"
    assert picked._python_version_source == "runtime"
    assert not picked.separate_kernel_env, (
        "the kernel and JupyterLab share one environment (what postBuild installs into)"
    )


def test_binder_installs_its_requirements_then_runs_postbuild(in_repo: Path, app) -> None:
    picked = _picked(app)
    assert not picked._is_python_package(), "with binder/, repo2docker does not 'pip install .': postBuild does"
    # binder/requirements.txt has no local reference, so pip runs in the cached preassemble step
    pre = [script for _user, script in picked.get_preassemble_scripts()]
    assert [s for s in pre if "pip install" in s] == [
        '${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'
    ], pre
    assemble = [script for _user, script in picked.get_assemble_scripts()]
    assert not [s for s in assemble if "pip install" in s], f"pip runs again in the assemble step: {assemble}"
    assert picked.get_post_build_scripts() == ["binder/postBuild"]
    postbuild = (in_repo / "binder" / "postBuild").read_text()
    assert os.access(in_repo / "binder" / "postBuild", os.X_OK), "binder/postBuild is not executable"
    assert re.search(r"^python -m pip install --no-cache-dir --no-deps \.$", postbuild, re.M), postbuild
    assert re.search(r"^cp binder/overrides.json \"\$settings/overrides.json\"$", postbuild, re.M), postbuild
    assert 'share/jupyter/lab/settings"' in postbuild


def test_dockerfile_renders_with_python_311(in_repo: Path, app) -> None:
    """The Dockerfile repo2docker would build (rendered, not built) uses the 3.11 base environment."""
    picked = _picked(app)
    picked.platform = "linux/amd64"
    dockerfile = picked.render({"NB_USER": "jovyan", "NB_UID": "1000"})
    files = picked.get_build_script_files()
    assert any("environment.py-3.11-" in source for source in files), f"no Python 3.11 conda lockfile in {list(files)}"
    lines = [
        line
        for line in dockerfile.splitlines()
        if line.startswith("RUN") and ("pip install" in line or "postBuild" in line)
    ]
    assert lines == [
        'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"',
        "RUN chmod +x binder/postBuild",
        "RUN ./binder/postBuild",
    ], lines


def test_binder_requirements_hold_what_readers_need_and_no_test_tool() -> None:
    binder = pins(BINDER / "requirements.txt")
    tools = sorted(TEST_AND_BUILD_TOOLS & binder.keys())
    assert not tools, f"test/build tools in Binder's requirements (they belong in requirements.txt): {tools}"
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    needed = {
        "jupyterlab",
        "jupyterlab-myst",
        "ipykernel",
        *(canonicalize_name(Requirement(d).name) for d in project["dependencies"]),
    }
    missing = sorted(needed - binder.keys())
    assert not missing, f"binder/requirements.txt does not pin {missing}"


def test_dev_requirements_include_the_binder_pins_and_do_not_repin_them() -> None:
    text = (REPO / "requirements.txt").read_text()
    assert re.search(r"^-r binder/requirements\.txt$", text, re.M), (
        "requirements.txt does not include binder/requirements.txt"
    )
    dev, binder = pins(REPO / "requirements.txt"), pins(BINDER / "requirements.txt")
    twice = sorted(dev.keys() & binder.keys())
    assert not twice, f"pinned in both files (they could disagree): {twice}"
    assert {"pytest", "playwright", "jupyter-repo2docker", "nbval", "hypothesis", "jupyter-book"} <= dev.keys()


def test_this_environment_has_exactly_the_binder_versions() -> None:
    """The live JupyterLab tests run here: they must see Binder's JupyterLab and extensions."""
    wrong = {}
    for name, version in pins(BINDER / "requirements.txt").items():
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, (
        f"installed versions differ from binder/requirements.txt (pinned, installed): {wrong}; run make setup"
    )


def test_jupyterlab_reports_jupyterlab_myst_enabled_and_ok(tmp_path: Path) -> None:
    """`jupyter labextension list` in this environment (Binder's pins): a JupyterLab the extension
    does not support lists it as enabled but "X" (incompatible) and never loads it."""
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "NO_COLOR": "1", "TERM": "dumb"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"], env=env, capture_output=True, text=True, timeout=120
    )
    out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    assert result.returncode == 0, out
    line = next((row for row in out.splitlines() if row.strip().startswith("jupyterlab-myst ")), None)
    assert line is not None, f"jupyterlab-myst is not installed:\n{out}"
    version = pins(BINDER / "requirements.txt")["jupyterlab-myst"]
    assert re.search(rf"jupyterlab-myst v{re.escape(version)} enabled +OK\b", line), f"{line!r}\n{out}"
    assert "is not compatible" not in out, out


def test_shipped_lab_settings_switch_off_the_news_prompt() -> None:
    settings = json.loads((BINDER / "overrides.json").read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    # make setup puts the same file where this environment's JupyterLab reads it (as postBuild does)
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.is_file() and json.loads(installed.read_text()) == settings, (
        f"{installed} differs from binder/overrides.json: run make setup"
    )
