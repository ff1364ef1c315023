# What torch.export said when it refused a spec: its error text read (any
# torch from 2.3 to 2.14), its sources mapped to the inputs, its suggested
# fixes applied as torch's own refine_dynamic_shapes_from_suggested_fixes does.
list(APPEND DIMSTUDIO_CORE_SOURCES
    verdict/ApplyVerdict.cpp
    verdict/TorchErrorText.cpp
)
