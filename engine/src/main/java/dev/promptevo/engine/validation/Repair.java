package dev.promptevo.engine.validation;

/** The repairs {@link JsonRepair} knows, in the order they are reported. */
enum Repair {
    CODE_FENCES("stripped markdown code fences"),
    LEADING_PROSE("dropped prose before the JSON object"),
    SINGLE_QUOTES("converted single quotes to double quotes"),
    CONTROL_CHARACTERS("escaped control characters inside strings"),
    TRAILING_COMMAS("removed trailing commas"),
    TRUNCATION("closed a truncated object"),
    TRAILING_PROSE("dropped prose after the JSON object");

    private final String description;

    Repair(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
