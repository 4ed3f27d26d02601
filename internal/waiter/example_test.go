package waiter_test

import (
	"context"
	"fmt"
	"time"

	"github.com/goto3/goto3/internal/waiter"
)

func ExampleWait() {
	spec := &waiter.Spec{Name: "InstanceRunning", Delay: 15, MaxAttempts: 40, Acceptors: []waiter.Acceptor{
		{State: waiter.Success, Matcher: waiter.PathAll, Argument: "Reservations[].Instances[].State.Name", Expected: "running"},
		{State: waiter.Failure, Matcher: waiter.PathAny, Argument: "Reservations[].Instances[].State.Name", Expected: "terminated"},
	}}
	states := []string{"pending", "pending", "running"}
	calls := 0
	describe := func(ctx context.Context) (any, error) {
		calls++
		return instances(states[calls-1]), nil
	}
	var slept time.Duration
	opts := waiter.Options{
		Rand:  func() float64 { return 0 },
		Sleep: func(ctx context.Context, d time.Duration) error { slept += d; return nil },
	}
	err := waiter.Wait(context.Background(), spec, opts, describe)
	fmt.Println(err, calls, slept)
	// Output:
	// <nil> 3 30s
}
