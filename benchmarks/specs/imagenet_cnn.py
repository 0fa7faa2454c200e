"""The ImageNet CNN: how many maps per stage (the network's answers are cached per photo)."""

PAGE = "imagenet_cnn"
INTERACTIONS = [{"name": "maps per stage", "kind": "slider", "key": "imagenet_cnn-count"}]
