"""Generate adaptive.json: reference numbers for retry's adaptive rate limiter.

Runs botocore's own CubicCalculator, RateClocker, TokenBucket and
ClientRateLimiter (botocore/retries/) against a fake clock and records their
state after every step, so the Go port can be compared number for number.

Usage: python3 gen_adaptive.py > adaptive.json   (botocore 1.43.11 was used)
"""
import json
import random

import botocore
from botocore.exceptions import CapacityNotAvailableError
from botocore.retries import adaptive, bucket, throttling


class FakeClock:
    def __init__(self, t):
        self.t = t

    def current_time(self):
        return self.t

    def sleep(self, amount):
        self.t += amount


class Detector:
    throttled = False

    def is_throttling_error(self, **kwargs):
        return self.throttled


def cubic_cases():
    out = []
    c = throttling.CubicCalculator(starting_max_rate=10, start_time=0)
    steps = []
    for op, rate, t in [
        ("success", 0, 0.5), ("success", 0, 1.0), ("error", 10, 2.0),
        ("success", 0, 2.5), ("success", 0, 3.0), ("success", 0, 4.0),
        ("success", 0, 6.0), ("error", 8.5, 6.5), ("success", 0, 9.0),
        ("success", 0, 12.0),
    ]:
        if op == "success":
            v = c.success_received(t)
        else:
            v = c.error_received(rate, t)
        p = c.get_params_snapshot()
        steps.append({"op": op, "rate": rate, "t": t, "result": v,
                      "w_max": p.w_max, "k": p.k, "last_fail": p.last_fail})
    out.append({"name": "cubic_start10", "start_max_rate": 10, "start": 0, "steps": steps})
    return out


def limiter_case(name, seed, start, n, throttle_p, gap):
    rnd = random.Random(seed)
    clock = FakeClock(start)
    det = Detector()
    rate_adjustor = throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time())
    tb = bucket.TokenBucket(max_rate=1, clock=clock)
    rc = adaptive.RateClocker(clock)
    lim = adaptive.ClientRateLimiter(rate_adjustor=rate_adjustor, rate_clocker=rc,
                                     token_bucket=tb, throttling_detector=det, clock=clock)
    steps = []
    for _ in range(n):
        clock.t = round(clock.t + rnd.uniform(0, gap), 3)
        op = rnd.choice(["send", "response", "response"])
        step = {"t": clock.t, "op": op}
        if op == "send":
            if lim._enabled:
                try:
                    tb.acquire(block=False)
                    step["acquired"] = True
                except CapacityNotAvailableError:
                    step["acquired"] = False
            else:
                step["acquired"] = True
        else:
            det.throttled = rnd.random() < throttle_p
            step["throttled"] = det.throttled
            lim.on_receiving_response()
        step.update({
            "enabled": lim._enabled,
            "measured_rate": rc.measured_rate,
            "fill_rate": tb.max_rate,
            "max_capacity": tb.max_capacity,
            "capacity": tb.available_capacity,
        })
        steps.append(step)
    return {"name": name, "start": start, "steps": steps}


def main():
    doc = {
        "botocore_version": botocore.__version__,
        "cubic": cubic_cases(),
        "limiter": [
            limiter_case("burst_throttle", 1, 1000.0, 200, 0.3, 0.3),
            limiter_case("slow_rare_throttle", 2, 5000.25, 200, 0.1, 1.5),
            limiter_case("fast_heavy_throttle", 3, 0.0, 300, 0.6, 0.05),
        ],
    }
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
