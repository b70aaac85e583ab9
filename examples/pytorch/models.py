"""The two PyTorch models of the example and their ONNX export.

Both take a batch dimension that stays symbolic in the exported graph (dynamic_axes), so one
imported TISA module runs at every batch size.
"""
import warnings

import torch

OPSET = 17  # the newest opset the TISA importer reads (frontends/onnx: opsets 7-17)


class Mlp(torch.nn.Module):
    """x[N, 16] -> Linear 64 -> GELU (erf) -> Linear 32 -> tanh -> Linear 10 -> softmax."""

    IN_FEATURES = 16

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(self.IN_FEATURES, 64)
        self.fc2 = torch.nn.Linear(64, 32)
        self.fc3 = torch.nn.Linear(32, 10)

    def forward(self, x):
        h = torch.nn.functional.gelu(self.fc1(x))
        h = torch.tanh(self.fc2(h))
        return torch.softmax(self.fc3(h), dim=-1)

    @staticmethod
    def input_shape(batch):
        return (batch, Mlp.IN_FEATURES)


class SmallCnn(torch.nn.Module):
    """x[N, 3, 16, 16] -> conv3x3(8) -> batchnorm -> relu -> maxpool2 -> conv3x3(16) -> relu
    -> avgpool2 -> flatten -> Linear 10."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, kernel_size=3, padding=1)
        self.bn1 = torch.nn.BatchNorm2d(8)
        self.pool1 = torch.nn.MaxPool2d(2)
        self.conv2 = torch.nn.Conv2d(8, 16, kernel_size=3, padding=1)
        self.pool2 = torch.nn.AvgPool2d(2)
        self.fc = torch.nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.bn1(self.conv1(x))))
        x = self.pool2(torch.relu(self.conv2(x)))
        return self.fc(torch.flatten(x, 1))

    @staticmethod
    def input_shape(batch):
        return (batch, 3, 16, 16)


def make_models(seed):
    """Both models in inference mode with deterministic weights. The batchnorm statistics are
    set away from their (0, 1) defaults so that the normalization does real work."""
    torch.manual_seed(seed)
    mlp, cnn = Mlp().eval(), SmallCnn().eval()
    with torch.no_grad():
        cnn.bn1.running_mean.uniform_(-0.5, 0.5)
        cnn.bn1.running_var.uniform_(0.5, 2.0)
        cnn.bn1.weight.uniform_(0.5, 1.5)
        cnn.bn1.bias.uniform_(-0.5, 0.5)
    return {"mlp": mlp, "cnn": cnn}


def export(model, path):
    """Exports with a symbolic batch N. TrainingMode.PRESERVE keeps the eval-mode model as it is,
    with BatchNormalization as its own node: TrainingMode.EVAL would fold it into the conv's
    weights, and the importer's batchnorm would go untested. Constant folding is off for the same
    reason (torch warns that it may fold parameters in this mode)."""
    example = torch.zeros(model.input_shape(2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, example, str(path), opset_version=OPSET, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": {0: "N"}, "y": {0: "N"}},
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
