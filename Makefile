# Fieldbook. `make run` builds and opens the app; `make test` runs every test.
# Both install what is missing first (scripts/deps.sh).

WAILS      := go tool wails
TAGS       := webkit2_41
BIN        := build/bin/fieldbook
DEV_BIN    := build/bin/fieldbook-dev

.PHONY: run build test deps deps-test lint format bindings frontend dev-binary go-test frontend-test e2e screenshot bench clean
.PHONY: install uninstall

run: build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then echo "make run: no display to open a window on (DISPLAY is not set)" >&2; exit 1; fi
	./$(BIN) $(ARGS)

build: deps bindings frontend
	$(WAILS) build -s -m -skipbindings -tags $(TAGS)

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

# The TypeScript bindings in frontend/src/wailsjs follow the Go services.
bindings:
	$(WAILS) generate module -tags $(TAGS)
	find frontend/src/wailsjs -type f -exec chmod 644 {} +

frontend:
	cd frontend && npm run build

# The dev binary serves the UI and its IPC over HTTP so Chromium can drive
# the real Go services (e2e/).
dev-binary: frontend
	go build -tags dev,$(TAGS) -o $(DEV_BIN) .

test: deps-test lint bindings frontend go-test frontend-test
	$(WAILS) build -s -m -skipbindings -tags $(TAGS)
	$(MAKE) --no-print-directory dev-binary
	$(MAKE) --no-print-directory e2e

# The app's packages: ./... would also walk into the Go files some npm
# packages ship under node_modules.
GO_PKGS := . ./app/... ./backend/... ./scripts/...

go-test:
	go vet $(GO_PKGS)
	go tool staticcheck $(GO_PKGS)
	go test -race -count=1 $(GO_PKGS)

frontend-test:
	cd frontend && npm run typecheck && npm test

# Every Go file but the ones npm installed.
GO_FILES = $(shell find . \( -path ./.git -o -path ./frontend/node_modules -o -path ./e2e/node_modules \) -prune -o -name '*.go' -print)

# gofmt, ESLint (frontend/eslint.config.js) and Prettier (.prettierrc.json,
# over frontend/ and e2e/); all three run, and each failure names its files.
lint: deps
	@status=0; \
	unformatted=$$(gofmt -l $(GO_FILES)); \
	if [ -n "$$unformatted" ]; then \
		echo "lint: gofmt would change these files (make format fixes them):" >&2; \
		echo "$$unformatted" | sed 's/^/  /' >&2; status=1; \
	fi; \
	(cd frontend && npm run --silent lint) || { echo "lint: ESLint found the errors above, in frontend/ (fix them in the code)" >&2; status=1; }; \
	(cd frontend && npm run --silent format:check) || { echo "lint: Prettier would change the files marked [warn] above (make format fixes them)" >&2; status=1; }; \
	exit $$status

# Rewrites the Go and frontend sources as the lint target wants them.
format: deps
	gofmt -w $(GO_FILES)
	cd frontend && npm run --silent format

e2e:
	cd e2e && npm test

# Regenerates the README's screenshot from the production binary in a real window.
screenshot: deps-test build
	cd e2e && SCREENSHOT_TO=../docs/screenshot.png node --test tests/smoke.test.mjs

# Data-set benchmarks; writes docs/benchmarks.md (several minutes).
bench: deps
	scripts/bench.sh

clean:
	rm -rf build/bin e2e/output
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete

# Linux: installs Fieldbook for the current user (PREFIX=/usr/local as root
# for everyone) and registers it with the desktop as the handler of
# fieldbook:// links. Builds first when build/bin/fieldbook is missing.
# DESTDIR (packaging) only stages the files: the package registers them.
PREFIX      ?= $(HOME)/.local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
APPS_DIR    := $(DATADIR)/applications
ICON_DIR    := $(DATADIR)/icons/hicolor/256x256/apps
MIMEAPPS    := $(or $(XDG_CONFIG_HOME),$(HOME)/.config)/mimeapps.list

install:
	@[ -x $(BIN) ] || $(MAKE) --no-print-directory build
	install -D -m 755 $(BIN) "$(DESTDIR)$(BINDIR)/fieldbook"
	install -d "$(DESTDIR)$(APPS_DIR)" "$(DESTDIR)$(ICON_DIR)"
	sed 's|@BINARY@|$(BINDIR)/fieldbook|' build/linux/fieldbook.desktop > "$(DESTDIR)$(APPS_DIR)/fieldbook.desktop"
	chmod 644 "$(DESTDIR)$(APPS_DIR)/fieldbook.desktop"
	@if command -v convert >/dev/null; then \
		convert build/appicon.png -resize 256x256 "$(DESTDIR)$(ICON_DIR)/fieldbook.png"; \
	else \
		install -m 644 build/appicon.png "$(DESTDIR)$(ICON_DIR)/fieldbook.png"; \
	fi
	@echo "install: installed $(DESTDIR)$(BINDIR)/fieldbook, $(DESTDIR)$(APPS_DIR)/fieldbook.desktop and $(DESTDIR)$(ICON_DIR)/fieldbook.png"
	@if [ -n "$(DESTDIR)" ]; then echo "install: DESTDIR set, so the desktop database and the fieldbook:// handler are left to the package"; exit 0; fi; \
	if command -v update-desktop-database >/dev/null; then \
		update-desktop-database "$(APPS_DIR)" && echo "install: updated the desktop database in $(APPS_DIR)"; \
	else echo "install: update-desktop-database not found (package desktop-file-utils): skipped, the desktop reads the file at next login"; fi; \
	if command -v xdg-mime >/dev/null; then \
		xdg-mime default fieldbook.desktop x-scheme-handler/fieldbook && echo "install: fieldbook:// links now open in Fieldbook (xdg-mime default fieldbook.desktop x-scheme-handler/fieldbook)"; \
	else echo "install: xdg-mime not found (package xdg-utils): fieldbook:// links are registered by MimeType= in the .desktop file only"; fi; \
	case ":$$PATH:" in *":$(BINDIR):"*) ;; *) echo "install: note: $(BINDIR) is not on your PATH; the desktop entry uses the full path";; esac

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/fieldbook" "$(DESTDIR)$(APPS_DIR)/fieldbook.desktop" "$(DESTDIR)$(ICON_DIR)/fieldbook.png"
	@if [ -n "$(DESTDIR)" ]; then exit 0; fi; \
	if command -v update-desktop-database >/dev/null && [ -d "$(APPS_DIR)" ]; then \
		update-desktop-database "$(APPS_DIR)" && echo "uninstall: updated the desktop database in $(APPS_DIR)"; fi; \
	if [ -f "$(MIMEAPPS)" ] && grep -q '^x-scheme-handler/fieldbook=' "$(MIMEAPPS)"; then \
		sed -i '/^x-scheme-handler\/fieldbook=/d' "$(MIMEAPPS)" && echo "uninstall: removed the fieldbook:// handler from $(MIMEAPPS)"; fi
	@echo "uninstall: removed Fieldbook (your data in ~/.local/share/fieldbook is kept)"

