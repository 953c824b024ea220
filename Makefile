# The two commands of the README: `make serve` (build and preview the sample archive) and
# `make test`. Both install the system packages the build needs first, when they are missing.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build serve test release

deps:
	@pkg-config --exists libcmark 2>/dev/null || { \
		echo "Installing libcmark-dev and pkg-config (Debian/Ubuntu)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config; }

build: deps
	swift run sitegen build

serve: deps
	swift run sitegen serve

test: deps
	swift build --build-tests
	swift test --skip-build

release: deps
	swift build -c release --product sitegen
