"""Community: comments and moderation, the safeguarding screen, supports, follows, updates,
milestones and notifications."""
