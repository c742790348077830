# syntax=docker/dockerfile:1
# PACE App: a builder stage installs the project into a virtual environment with uv,
# a slim runtime stage runs it as an unprivileged user with git and bubblewrap.

ARG PYTHON_IMAGE=python:3.12-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install uv==0.13.9
WORKDIR /src
# Dependencies first, so editing the source does not reinstall them. There is no lock
# file: every version, transitive ones included, is pinned in pyproject.toml.
COPY pyproject.toml README.md LICENSE ./
RUN uv sync --no-dev --no-install-project
COPY src ./src
RUN uv sync --no-dev --no-editable

FROM ${PYTHON_IMAGE} AS runtime
# git drives repository mirrors and worktrees; bubblewrap isolates repository code;
# slirp4netns and iproute2 give setup its own network; util-linux brings prlimit, nsenter;
# openssh-client's ssh-keygen signs commits when COMMIT_SIGNING=key.
# Versions come from the pinned Debian release; exact pins would break on its updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends git bubblewrap slirp4netns iproute2 util-linux openssh-client ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 pace \
    && useradd --system --uid 10001 --gid pace --create-home --home-dir /home/pace \
       --shell /usr/sbin/nologin pace \
    && mkdir -p /data \
    && chown pace:pace /data
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
VOLUME ["/data"]
# Numeric, so runtimes that check for a non-root user can tell without /etc/passwd.
USER 10001:10001
WORKDIR /home/pace
EXPOSE 3000
# Python's own urllib, so the image needs no curl; an error status or no answer fails.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '3000') + '/healthz', timeout=4)"]
CMD ["pace", "serve"]
