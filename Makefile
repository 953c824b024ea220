# The two commands of the README: `make serve` (build and preview the sample archive) and
# `make test`. Both install the system packages the build needs first, when they are missing.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps browser-deps build serve test release

# libcmark renders Markdown; libvips resizes and encodes the photos; libcrypto (OpenSSL) gives
# the deploy its digests.
deps:
	@{ pkg-config --exists libcmark && pkg-config --exists vips && pkg-config --exists libcrypto; } 2>/dev/null || { \
		echo "Installing libcmark-dev, libvips-dev, libssl-dev and pkg-config (Debian/Ubuntu)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev libvips-dev libssl-dev pkg-config; }

# The search page and the first phone screen are tested in a real browser: headless Chromium.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing chromium (Debian/Ubuntu) for the search page test…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

build: deps
	swift run sitegen build

serve: deps
	swift run sitegen serve

test: deps browser-deps
	swift build --build-tests
	swift test --skip-build
	python3 Tests/browser/search-test.py
	python3 Tests/browser/first-screen.py

release: deps
	swift build -c release --product sitegen
