# Fieldbook. `make run` builds and opens the app; `make test` runs every test.
# Both install what is missing first (scripts/deps.sh).

WAILS      := go tool wails
TAGS       := webkit2_41
BIN        := build/bin/fieldbook
DEV_BIN    := build/bin/fieldbook-dev

.PHONY: run build test deps deps-test bindings frontend dev-binary go-test frontend-test e2e screenshot bench clean

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
	chmod 644 frontend/src/wailsjs/runtime/*

frontend:
	cd frontend && npm run build

# The dev binary serves the UI and its IPC over HTTP so Chromium can drive
# the real Go services (e2e/).
dev-binary: frontend
	go build -tags dev,$(TAGS) -o $(DEV_BIN) .

test: deps-test bindings frontend go-test frontend-test
	$(WAILS) build -s -m -skipbindings -tags $(TAGS)
	$(MAKE) --no-print-directory dev-binary
	$(MAKE) --no-print-directory e2e

go-test:
	go vet ./...
	go tool staticcheck ./...
	go test -race -count=1 ./...

frontend-test:
	cd frontend && npm run typecheck && npm test

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
