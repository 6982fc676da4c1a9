package library_test

import (
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/cairn-photos/cairn/app/cli"
)

// childData names the environment variable that turns this test binary into the cairn command line: with it
// set to a data root, TestMain runs cli.Run on the arguments instead of the tests, so tests can run a real
// `cairn scan` in a process of its own and kill it, or measure its memory.
const childData = "CAIRN_TEST_CLI_DATA"

func TestMain(m *testing.M) {
	if data := os.Getenv(childData); data != "" {
		os.Exit(cli.Run(&cli.Env{DataRoot: data, Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// cairnCommand is `cairn --data data args...` as a child process of the test.
func cairnCommand(t *testing.T, data string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childData+"="+data)
	return cmd
}

// childResult is how a finished child went.
type childResult struct {
	code           int
	stdout, stderr string
	maxRSSMB       int64 // peak resident memory
}

// runCairn runs cairn to the end.
func runCairn(t *testing.T, data string, args ...string) childResult {
	t.Helper()
	cmd := cairnCommand(t, data, args...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		t.Fatalf("run cairn %v: %v", args, err)
	}
	r := childResult{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errOut.String()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSSMB = int64(ru.Maxrss) >> 10 // kilobytes on Linux
	}
	return r
}
