"""Runs onnx.checker.check_model(model, full_check=True) on every ONNX file given.

Prints one line per file ("ok <file> ..." or "FAILED <file>: <reason>") and exits 1 if any failed.
full_check adds strict shape and type inference to the structural checks.
Used by OnnxCheckerTest through the virtualenv of export/bin/onnx-checker-venv.
"""
import sys

import onnx

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
        print(f"ok {path} (onnx {onnx.__version__}, IR {model.ir_version}, {opsets})")
    except Exception as e:  # every failure is reported, not only the first
        print(f"FAILED {path}: {type(e).__name__}: {e}")
        failed += 1
sys.exit(1 if failed else 0)
