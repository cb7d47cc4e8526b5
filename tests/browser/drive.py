"""Drives headless Chromium over the DevTools protocol (on a pipe, no network) for the
web page tests: opens a page, then runs the steps given as JSON on stdin and prints what
each observed, as JSON lines.

Usage: drive.py CHROMIUM PROFILE_DIR WIDTH HEIGHT < steps.json

Steps: {"open": url}, {"eval": js} (prints its value), {"key": "ArrowRight"} (pressed on
the focused element), {"click": css_selector} (a real mouse click at the element's
centre), {"screenshot": path}.
"""

import base64
import json
import os
import subprocess
import sys
import time

KEYS = {
    "ArrowRight": 39,
    "ArrowLeft": 37,
    "PageDown": 34,
    "PageUp": 33,
    "Enter": 13,
    "Tab": 9,
    "End": 35,
    "Home": 36,
}


class Browser:
    def __init__(self, chromium, profile, width, height):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-pipe",
                "--user-data-dir=" + profile,
                "--window-size=%d,%d" % (width, height),
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def eval(self, expression):
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        )
        if "exceptionDetails" in result:
            raise RuntimeError("script failed: %s" % result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, url):
        if self.session is None:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.send(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            self.send("Page.enable")
            self.send("Runtime.enable")
        self.send("Page.navigate", {"url": url})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.eval("document.readyState") == "complete":
                    return
            except RuntimeError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the page did not load in 30 s")

    def key(self, name):
        code = KEYS[name]
        for kind in ("rawKeyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                {
                    "type": kind,
                    "key": name,
                    "code": name,
                    "windowsVirtualKeyCode": code,
                    "nativeVirtualKeyCode": code,
                },
            )

    def click(self, selector):
        box = self.eval(
            "(function(){var e=document.querySelector(%s); if(!e) return null;"
            "e.scrollIntoView({block:'center'}); var r=e.getBoundingClientRect();"
            "return [r.left+r.width/2, r.top+r.height/2];})()" % json.dumps(selector)
        )
        if box is None:
            raise RuntimeError("nothing on the page matches %s" % selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
            )

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except RuntimeError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    chromium, profile, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    steps = json.load(sys.stdin)
    browser = Browser(chromium, profile, width, height)
    try:
        for step in steps:
            if "open" in step:
                browser.open(step["open"])
                value = None
            elif "eval" in step:
                value = browser.eval(step["eval"])
            elif "key" in step:
                browser.key(step["key"])
                value = None
            elif "click" in step:
                browser.click(step["click"])
                value = None
            elif "screenshot" in step:
                browser.screenshot(step["screenshot"])
                value = None
            else:
                raise RuntimeError("unknown step %s" % step)
            print(json.dumps({"step": step, "value": value}), flush=True)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
