"""Goldens for tca4j's corruptions (org.tca4j.tca.shift), made with NumPy, SciPy and Pillow.

Run: PYTHONPATH=/usr/lib/python3/dist-packages python3 make_shift_goldens.py ../tca/inputs/fmnist_u8.npy
(Debian's python3-pil 9.4.0 with libjpeg-turbo 6.2, numpy 2.x, scipy 1.x.)

Formulas and severity tables: hendrycks/robustness ImageNet-C/create_c/make_imagenet_c.py and make_cifar_c.py.
Each output is rounded back to 8 bits with np.round(np.clip(x, 0, 1) * 255), as tca4j does.
"""
import io
import sys

import numpy as np
from PIL import Image
from scipy import ndimage

TABLES = {
    "imagenet_c": {
        "contrast": [.4, .3, .2, .1, .05],
        "pixelate": [.6, .5, .4, .3, .25],
        "jpeg": [25, 18, 15, 10, 7],
        "defocus": [(3, .1), (4, .5), (6, .5), (8, .5), (10, .5)],
    },
    "cifar_10_c": {
        "contrast": [.75, .5, .4, .3, .15],
        "pixelate": [.95, .9, .85, .75, .65],
        "jpeg": [80, 65, 58, 50, 40],
        "defocus": [(.3, .4), (.4, .5), (.5, .6), (1, .2), (1.5, .1)],
    },
}


def to8(x):
    return np.round(np.clip(x, 0, 1) * 255).astype(np.uint8)


def contrast(img, c):
    x = img / 255.0
    m = x.mean(axis=(0, 1), keepdims=True)
    return to8((x - m) * c + m)


def pil(img):
    return Image.fromarray(img[..., 0] if img.shape[2] == 1 else img, "L" if img.shape[2] == 1 else "RGB")


def unpil(p, channels):
    a = np.asarray(p)
    return a[..., None] if channels == 1 else a


def pixelate(img, c):
    h, w, ch = img.shape
    p = pil(img).resize((int(w * c), int(h * c)), Image.BOX).resize((w, h), Image.BOX)
    return unpil(p, ch)


def jpeg(img, q):
    out = io.BytesIO()
    pil(img).save(out, "JPEG", quality=q)
    return unpil(Image.open(io.BytesIO(out.getvalue())), img.shape[2])


def disk(radius, alias):
    half = 8 if radius <= 8 else int(radius)
    L = np.arange(-half, half + 1)
    X, Y = np.meshgrid(L, L)
    d = ((X ** 2 + Y ** 2) <= radius ** 2).astype(np.float64)
    d /= d.sum()
    taps = 3 if radius <= 8 else 5
    g = np.exp(-((np.arange(taps) - (taps - 1) / 2) ** 2) / (2 * alias ** 2))
    g /= g.sum()
    d = ndimage.correlate1d(d, g, axis=1, mode="mirror")
    return ndimage.correlate1d(d, g, axis=0, mode="mirror")


def defocus(img, radius, alias):
    k = disk(radius, alias)
    x = img / 255.0
    out = np.stack([ndimage.correlate(x[..., c], k, mode="mirror") for c in range(img.shape[2])], axis=2)
    return to8(out)


def main():
    gray = np.load(sys.argv[1])[:6][..., None]                       # [6,28,28,1] real Fashion-MNIST images
    rng = np.random.default_rng(7)
    rgb = ndimage.uniform_filter(rng.integers(0, 256, (2, 32, 32, 3)).astype(np.float64), size=(1, 5, 5, 1))
    rgb = np.clip(rgb * 1.6 - 80, 0, 255).astype(np.uint8)            # [2,32,32,3] smooth colour blobs
    np.save("gray_u8.npy", gray)
    np.save("rgb_u8.npy", rgb)
    fns = {"contrast": contrast, "pixelate": pixelate, "jpeg": jpeg, "defocus": lambda i, p: defocus(i, *p)}
    for table, params in TABLES.items():
        for name, fn in fns.items():
            for kind, images in (("gray", gray), ("rgb", rgb)):
                out = np.stack([np.stack([fn(im, params[name][s]) for im in images]) for s in range(5)])
                np.save(f"{name}_{table}_{kind}.npy", out)              # [5 severities, n, H, W, C] uint8


if __name__ == "__main__":
    main()
