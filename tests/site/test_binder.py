"""Binder: what repo2docker will make of this repository, checked without building an image.

mybinder.org builds the "launch" image with repo2docker. It tries its buildpacks in a fixed
order (``Repo2Docker.buildpacks``) and uses the first whose ``detect()`` is true for the repo;
this repository means that to be the Python buildpack: Python from ``runtime.txt`` (3.11:
numpy 2.4 and pandas 3.1 need Python >= 3.11, and repo2docker's default is older), then
``pip install -r requirements.txt``, then ``pip install .`` (the ``widgets`` package,
``pyproject.toml``). A ``binder/`` or ``.binder/`` folder, an ``environment.yml``, a
``Dockerfile`` etc. would silently change that, so the test checks they are absent too.

Uses repo2docker's Python API only (no Docker, no network). Run:
``python -m pytest tests/test_binder.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

repo2docker_app = pytest.importorskip(
    "repo2docker.app",
    reason="jupyter-repo2docker is not importable: pip install -r requirements.txt (it is pinned there)",
)
from repo2docker.buildpacks import PythonBuildPack  # noqa: E402

# Files that make repo2docker pick another buildpack or read its configuration elsewhere.
OVERRIDES = [
    "binder", ".binder", "environment.yml", "environment.yaml", "Dockerfile", "Pipfile", "Pipfile.lock",
    "Project.toml", "REQUIRE", "default.nix", "install.R", "DESCRIPTION",
]


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
    present = [name for name in OVERRIDES if (in_repo / name).exists()]
    assert not present, f"these would change what Binder builds (repo2docker reads them first): {present}"


def test_runtime_txt_asks_for_python_311(in_repo: Path) -> None:
    runtime = in_repo / "runtime.txt"
    assert runtime.is_file(), "runtime.txt is missing: Binder would fall back to repo2docker's default Python"
    assert runtime.read_text().strip() == "python-3.11"


def test_first_detected_buildpack_is_python(in_repo: Path, app) -> None:
    order = [bp.__name__ for bp in app.buildpacks]
    assert "PythonBuildPack" in order, order
    detected = {bp.__name__: bool(bp(base_image=app.base_image).detect()) for bp in app.buildpacks}
    picked = _picked(app)
    assert type(picked) is PythonBuildPack, (
        f"repo2docker would use {type(picked).__name__}, not PythonBuildPack (detect() in order: {detected})"
    )
    assert picked.binder_dir == "", f"repo2docker reads its configuration from {picked.binder_dir}/"
    assert picked.runtime[:2] == ("python", "3.11"), picked.runtime


def test_python_version_is_311(in_repo: Path, app) -> None:
    picked = _picked(app)
    # python_version also checks runtime.txt against pyproject.toml's requires-python (it
    # raises if they disagree) and would fall back to a default without runtime.txt
    assert picked.python_version == "3.11"
    assert picked._python_version_source == "runtime"


def test_assemble_installs_requirements_then_the_package(in_repo: Path, app) -> None:
    picked = _picked(app)
    assert picked._is_python_package(), (
        "pyproject.toml has no [project] + [build-system]: 'pip install .' would not run"
    )
    scripts = [script for _user, script in picked.get_assemble_scripts()]
    requirements = [i for i, s in enumerate(scripts) if "pip install" in s and '-r "requirements.txt"' in s]
    package = [i for i, s in enumerate(scripts) if s.rstrip().endswith("pip install --no-cache-dir .")]
    assert requirements and package, f"assemble scripts do not install requirements.txt and the package: {scripts}"
    assert requirements[0] < package[0], f"the package is installed before requirements.txt: {scripts}"
    # nothing installs the pins earlier (from a subset of the repo) or twice
    pre = [script for _user, script in picked.get_preassemble_scripts()]
    assert not [s for s in pre if "pip install" in s], f"pip runs in the preassemble step too: {pre}"


def test_dockerfile_renders_with_python_311(in_repo: Path, app) -> None:
    """The Dockerfile repo2docker would build (rendered, not built) uses the 3.11 base environment."""
    picked = _picked(app)
    picked.platform = "linux/amd64"
    dockerfile = picked.render({"NB_USER": "jovyan", "NB_UID": "1000"})
    files = picked.get_build_script_files()
    assert any("environment.py-3.11-" in source for source in files), f"no Python 3.11 conda lockfile in {list(files)}"
    lines = [line for line in dockerfile.splitlines() if "pip install" in line]
    assert lines == [
        'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"',
        "RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir .",
    ], lines
