#!/usr/bin/env python3
"""Writes the PyTorch fixtures of nlset's checkpoint and ConvNet-4a tests, next to this script.

Run with real PyTorch (these were written by Debian 12's python3-torch 1.13.1, `apt-get install python3-torch`):

    /usr/bin/python3 tests/Nlset.Classification.Tests/Fixtures/PyTorch/make_checkpoints.py

The tests only read the files written here; they never need Python.

* tiny-{zip,legacy}.pth: a small conv net saved the way the authors saved their MNIST models, a dict
  {epoch, model_state_dict (keys 'model.model.conv1.weight' ...), optimizer_state_dict (Adam after one step)},
  in torch.save's zip format (default since 1.6) and its legacy format (_use_new_zipfile_serialization=False).
  tiny-bare-legacy.pth: the bare state dict with DataParallel's 'module.' prefix. tiny.json: the inputs (a formula,
  below) and the logits PyTorch computed.
* zoo-{zip,legacy}.pth: tensors of every storage type, views sharing one storage (transposed, offset slice), a 0-d
  and an empty tensor, an nn.Parameter, and plain Python extras; zoo.json: each tensor's dtype, shape and values.
* convnet4a.json: the logits of the authors' ConvNet-4a (archs.py's SmallCNN, copied below with its repeated
  OrderedDict keys) and of TRADES' SmallCNN with ReLUs in the head, for weights and inputs given by formulas (below)
  that the C# test computes the same way, so the 312,202 weights need not be stored.
* whole-model-legacy.pth: torch.save(model) of the tiny network (a pickled nn.Module, not a state dict).
* not-torch.pth: a Python pickle that is not a torch.save file.
"""
import collections
import json
import math
import os
import pickle

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save_both(obj, stem):
    torch.save(obj, path(stem + '-zip.pth'))
    torch.save(obj, path(stem + '-legacy.pth'), _use_new_zipfile_serialization=False)


def pattern_inputs(n, c, h, w):
    """x[b, ch, i, j] = 0.5 + 0.5 sin(0.3 i + 0.5 j + 1.7 b + 0.9 ch), in float64, then float32."""
    b, ch, i, j = torch.meshgrid(*(torch.arange(s, dtype=torch.float64) for s in (n, c, h, w)), indexing='ij')
    return (0.5 + 0.5 * torch.sin(0.3 * i + 0.5 * j + 1.7 * b + 0.9 * ch)).float()


def hash01(k, p):
    """frac(43758.5453 sin(12.9898 k + 78.233 p)) in [0, 1): a well-mixed deterministic pattern (float64)."""
    v = torch.sin(12.9898 * k + 78.233 * p) * 43758.5453
    return v - torch.floor(v)


def pattern_weights(module):
    """Parameter number p (state-dict order), flat element k, u = hash01(k, p): weights (2u - 1) sqrt(6 / fan_in) with
    fan_in = numel / rows (He-uniform scale), biases 0.1 (2u - 1); in float64, then float32."""
    with torch.no_grad():
        for p, (name, t) in enumerate(module.state_dict().items()):
            u = 2 * hash01(torch.arange(t.numel(), dtype=torch.float64), p) - 1
            scale = math.sqrt(6 / (t.numel() / t.shape[0])) if name.endswith('weight') else 0.1
            t.copy_((u * scale).reshape(t.shape).float())


def values(t):
    return {'dtype': str(t.dtype).replace('torch.', ''), 'shape': list(t.shape),
            'values': [float(v) for v in t.detach().double().flatten().tolist()]}


# --- the authors' checkpoint shape, on a tiny network -------------------------------------------------------
class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(collections.OrderedDict([
            ('conv1', nn.Conv2d(1, 2, 5, stride=3)),   # 28x28 -> 8x8
            ('relu1', nn.ReLU()),
            ('flatten', nn.Flatten()),
            ('fc1', nn.Linear(2 * 8 * 8, 10)),
        ]))

    def forward(self, x):
        return self.model(x)


class Wrap(nn.Module):          # the authors' WrapNetwork: the classifier under 'model'
    def __init__(self, inner):
        super().__init__()
        self.model = inner

    def forward(self, x):
        return self.model(x)


torch.manual_seed(0)
tiny = Wrap(Tiny())
optimizer = torch.optim.Adam(tiny.parameters(), lr=1e-3)
x = pattern_inputs(3, 1, 28, 28)
tiny(x).sum().backward()
optimizer.step()                 # the optimizer state now holds exp_avg/exp_avg_sq tensors and a step count
with torch.no_grad():
    logits = tiny(x)
save_both({'epoch': 200, 'model_state_dict': tiny.state_dict(), 'optimizer_state_dict': optimizer.state_dict()}, 'tiny')
bare = collections.OrderedDict(('module.' + k, v) for k, v in tiny.model.state_dict().items())
torch.save(bare, path('tiny-bare-legacy.pth'), _use_new_zipfile_serialization=False)
with open(path('tiny.json'), 'w') as f:
    json.dump({'inputs': 'pattern_inputs(3, 1, 28, 28)', 'logits': values(logits)}, f)

# --- every storage type, views, extras ----------------------------------------------------------------------
base = torch.arange(24, dtype=torch.float32).reshape(4, 6) / 7
zoo = collections.OrderedDict([
    ('float32', base),
    ('transposed', base.t()),
    ('slice', base[1:3, 2:5]),
    ('float64', torch.linspace(-1, 1, 5, dtype=torch.float64)),
    ('float16', torch.tensor([0.5, -2.25, 1000.0], dtype=torch.float16)),
    ('bfloat16', torch.tensor([1.5, -3.0], dtype=torch.bfloat16)),
    ('int64', torch.tensor([[-3, 2 ** 40], [7, 0]])),
    ('int32', torch.tensor([1, -2, 3], dtype=torch.int32)),
    ('int16', torch.tensor([-300, 5], dtype=torch.int16)),
    ('int8', torch.tensor([-7, 100], dtype=torch.int8)),
    ('uint8', torch.tensor([0, 255, 17], dtype=torch.uint8)),
    ('bool', torch.tensor([True, False, True])),
    ('scalar', torch.tensor(3.25)),
    ('empty', torch.zeros(0, 3)),
    ('parameter', nn.Parameter(torch.tensor([1.0, 2.0]))),
])
extras = {'epoch': 7, 'name': 'zoo', 'lr': 1e-3, 'betas': (0.9, 0.999), 'flags': [True, None], 'big': 2 ** 70}
save_both(dict(zoo, **extras), 'zoo')
with open(path('zoo.json'), 'w') as f:
    json.dump({k: values(v) for k, v in zoo.items()}, f)


# --- ConvNet-4a as the authors ran it -----------------------------------------------------------------------
class SmallCNN(nn.Module):
    """code/model/adversarial/archs.py of matanatz/ControllingNeuralLevelsets, as released. The OrderedDict repeats the
    keys 'relu1' and 'relu2'; a repeated key keeps its first position, so the Sequential has no ReLU after fc1/fc2."""

    def __init__(self):
        super().__init__()
        activ = nn.ReLU(True)
        self.model = nn.Sequential(collections.OrderedDict([
            ('conv1', nn.Conv2d(1, 32, 3)),
            ('relu1', activ),
            ('conv2', nn.Conv2d(32, 32, 3)),
            ('relu2', activ),
            ('maxpool1', nn.MaxPool2d(2, 2)),
            ('conv3', nn.Conv2d(32, 64, 3)),
            ('relu3', activ),
            ('conv4', nn.Conv2d(64, 64, 3)),
            ('relu4', activ),
            ('maxpool2', nn.MaxPool2d(2, 2)),
            ('flatten', nn.Flatten()),
            ('fc1', nn.Linear(64 * 4 * 4, 200)),
            ('relu1', activ),
            ('fc2', nn.Linear(200, 200)),
            ('relu2', activ),
            ('fc3', nn.Linear(200, 10)),
        ]))

    def forward(self, x):
        return self.model(x)


class TradesSmallCNN(nn.Module):
    """The same layers with ReLU after fc1 and fc2 (TRADES' SmallCNN without dropout), same parameter names."""

    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(collections.OrderedDict([
            ('conv1', nn.Conv2d(1, 32, 3)), ('relu1', nn.ReLU()),
            ('conv2', nn.Conv2d(32, 32, 3)), ('relu2', nn.ReLU()),
            ('maxpool1', nn.MaxPool2d(2, 2)),
            ('conv3', nn.Conv2d(32, 64, 3)), ('relu3', nn.ReLU()),
            ('conv4', nn.Conv2d(64, 64, 3)), ('relu4', nn.ReLU()),
            ('maxpool2', nn.MaxPool2d(2, 2)),
            ('flatten', nn.Flatten()),
            ('fc1', nn.Linear(64 * 4 * 4, 200)), ('relu5', nn.ReLU()),
            ('fc2', nn.Linear(200, 200)), ('relu6', nn.ReLU()),
            ('fc3', nn.Linear(200, 10)),
        ]))

    def forward(self, x):
        return self.model(x)


authors = SmallCNN().eval()
assert list(authors.model._modules.keys()) == [
    'conv1', 'relu1', 'conv2', 'relu2', 'maxpool1', 'conv3', 'relu3', 'conv4', 'relu4', 'maxpool2', 'flatten',
    'fc1', 'fc2', 'fc3'], 'the repeated keys did not collapse as expected'
relu_head = TradesSmallCNN().eval()
pattern_weights(authors)
pattern_weights(relu_head)
x = pattern_inputs(4, 1, 28, 28)
with torch.no_grad():
    result = {'torch': torch.__version__, 'inputs': 'pattern_inputs(4, 1, 28, 28)', 'weights': 'pattern_weights',
              'modules': list(authors.model._modules.keys()),
              'convnet4a': values(authors(x)), 'smallcnn': values(relu_head(x))}
with open(path('convnet4a.json'), 'w') as f:
    json.dump(result, f)

# --- a whole model (torch.save(model)), not a state dict --------------------------------------------------------
torch.save(tiny, path('whole-model-legacy.pth'), _use_new_zipfile_serialization=False)

# --- not a torch.save file ----------------------------------------------------------------------------------
with open(path('not-torch.pth'), 'wb') as f:
    pickle.dump({'weights': [1.0, 2.0, 3.0]}, f, protocol=2)
