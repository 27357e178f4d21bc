package dev.portcullis.engine;

import java.util.List;

import dev.portcullis.model.Finding;

/**
 * A check run on one resource in one condition scenario. Implementations are stateless (or thread-safe):
 * the engine may call them for many resources and scenarios. The engine merges findings across scenarios
 * and labels those that hold only in some of them, so checks never deal with scenarios themselves.
 */
public interface ResourceCheck {

    List<Finding> check(ResourceContext context);
}
