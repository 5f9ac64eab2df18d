/// The units of the fuel meter, shared by the VM and builtins that charge fuel and by the
/// cost analysis that bounds it: one table, so a bound computed by `check` is a bound on
/// what the meter charges. Builtin-specific rates live in each builtin's `BuiltinCost`.
public enum FuelRates {
    /// Fuel for one call of a function written in Rubric (the rubric's own or the standard
    /// library's), charged by the VM.
    public static let functionCall = 1
    /// Fuel for each element a comprehension iterates over, charged by the VM.
    public static let iteration = 1
    /// Fuel every metered builtin call charges at least.
    public static let builtinCall = 1
    /// Bytes of text a builtin reads or writes per unit of fuel.
    public static let bytesPerUnit = 64
    /// List elements or map entries a builtin reads or writes per unit of fuel.
    public static let elementsPerUnit = 8
}
